package dev.roster.testinfra;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft broker in a child JVM (the {@code kafka-broker} module), or an existing broker
 * named by {@code ROSTER_TEST_KAFKA_BOOTSTRAP}. The child stops with its parent, even one killed hard.
 */
public final class KafkaBroker {

    private static final String READY = "ROSTER-KAFKA-READY ";
    private static KafkaBroker shared;

    private final Process process;
    private final Path dataDir;
    private final String bootstrapServers;

    private KafkaBroker(Process process, Path dataDir, String bootstrapServers) {
        this.process = process;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kafka-stop"));
        }
        return shared;
    }

    /**
     * Starts a broker on the given port (0: any free port) keeping its data in {@code dataDir} (null: a
     * temporary directory deleted on stop), unless the environment names an existing broker.
     */
    public static KafkaBroker start(int port, Path dataDir) {
        String existing = System.getenv("ROSTER_TEST_KAFKA_BOOTSTRAP");
        if (existing != null && !existing.isBlank()) {
            return new KafkaBroker(null, null, existing);
        }
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("roster-kafka") : dataDir;
            Files.createDirectories(dir);
            int brokerPort = port > 0 ? port : FreePorts.pick();
            int controllerPort = FreePorts.pick();
            ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", classpath(), "dev.roster.kafka.broker.KafkaBrokerMain",
                    dir.toString(), String.valueOf(brokerPort), String.valueOf(controllerPort));
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String bootstrap = awaitReady(process, dir);
            return new KafkaBroker(process, temporary ? dir : null, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka broker did not start", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (dataDir != null) {
            Files2.deleteRecursively(dataDir);
        }
    }

    private static String awaitReady(Process process, Path dir) throws IOException {
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()).trim());
                    } else if (!ready.isDone()) {
                        synchronized (lastLines) {
                            lastLines.addLast(line);
                            if (lastLines.size() > 40) {
                                lastLines.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the broker is gone; the wait below reports it
            }
            ready.completeExceptionally(new IOException("the broker exited"));
        }, "kafka-broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(90, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String output;
            synchronized (lastLines) {
                output = String.join("\n", lastLines);
            }
            throw new IOException("the Kafka broker in " + dir + " did not become ready: " + e.getMessage()
                    + "\n--- broker output ---\n" + output, e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The broker module's classes and jars, as its build wrote them (see kafka-broker/pom.xml). */
    static String classpath() throws IOException {
        Path file = classpathFile();
        String jars = Files.readString(file).trim();
        Path classes = file.getParent().resolve("classes");
        return String.join(File.pathSeparator, List.of(classes.toString(), jars));
    }

    private static Path classpathFile() {
        String configured = System.getProperty("roster.kafka.classpath-file");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("kafka-broker/target/kafka-broker.classpath");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("kafka-broker/target/kafka-broker.classpath not found: build the "
                + "kafka-broker module first (mvn -pl kafka-broker package)");
    }
}
