package dev.roster.e2e;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * One {@link Stack} for the whole test run (PostgreSQL, Kafka, Keycloak with the test realm and the four packaged
 * services), started by the first test class that asks for it and stopped when the run ends. When a test fails,
 * prints where the logs are and how they end.
 */
public final class RosterStack implements BeforeAllCallback, TestWatcher {

    private static Stack stack;

    /** The running stack; only valid in classes extended with {@code @ExtendWith(RosterStack.class)}. */
    public static synchronized Stack stack() {
        if (stack == null) {
            throw new IllegalStateException("no stack: extend the test class with @ExtendWith(RosterStack.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes what it holds (an AutoCloseable) when the whole run ends.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RosterStack.class, key -> start(), Stack.class);
    }

    private static synchronized Stack start() {
        if (stack != null) {
            return stack;
        }
        Path logDir = Path.of(System.getProperty("roster.e2e.log-dir", "target/stack-logs")).toAbsolutePath();
        long begin = System.nanoTime();
        System.out.println("[e2e] starting the stack; logs in " + logDir);
        stack = Stack.forTests()
                .logDir(logDir)
                // the source simulator answers on http://localhost
                .serviceProperty(Service.INTEGRATION, "roster.sources.allow-http", "true")
                .serviceProperty(Service.INTEGRATION, "roster.sources.allow-private-addresses", "true")
                .listener(new Stack.Listener() {

                    @Override
                    public void progress(String message) {
                        System.out.println("[e2e] " + message);
                    }
                })
                .start();
        // A run that ends without the store being closed (an aborted JVM) still stops the processes.
        Stack started = stack;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-stop"));
        System.out.println("[e2e] stack up in " + Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s");
        return stack;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Stack current;
        synchronized (RosterStack.class) {
            current = stack;
        }
        if (current != null) {
            System.out.println("[e2e] " + context.getDisplayName() + " failed; service logs are in " + current.logDir()
                    + current.logTails());
        }
    }
}
