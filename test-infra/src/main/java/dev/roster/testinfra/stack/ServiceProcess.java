package dev.roster.testinfra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a process of its own:
 * {@code java -Xmx256m -XX:+UseSerialGC -jar quarkus-run.jar} with its configuration as system properties,
 * its output in a log file, ready when {@code /q/health/ready} answers 200.
 */
public final class ServiceProcess {

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the service without waiting for it; call {@link #awaitReady(Duration)} next. Several services can
     * boot at the same time this way.
     *
     * @param name the service's name, used for its log file {@code <logDir>/<name>.log} and in messages
     * @param runnerJar the service's {@code quarkus-run.jar}
     * @param port its HTTP port ({@code quarkus.http.port})
     * @param properties its configuration, passed as {@code -Dkey=value}
     * @param jvmOptions further JVM options (heap, markers)
     * @param environment environment variables: secrets go here, not on the command line where {@code ps}
     *        shows them
     */
    public static ServiceProcess launch(String name, Path runnerJar, int port, Map<String, String> properties,
            List<String> jvmOptions, Map<String, String> environment, Path logDir) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException(name + " is not built: " + runnerJar
                    + " is missing. Build it with `mvn -pl "
                    + moduleOf(runnerJar) + " -am package -DskipTests` (or `mvn install -DskipTests` at the root).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + ".log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.directory(runnerJar.getParent().toFile());
            builder.environment().putAll(environment);
            builder.redirectErrorStream(true);
            builder.redirectOutput(logFile.toFile());
            return new ServiceProcess(name, builder.start(), port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Starts the service and waits until it is ready. */
    public static ServiceProcess start(String name, Path runnerJar, int port, Map<String, String> properties,
            List<String> jvmOptions, Path logDir, Duration timeout) {
        ServiceProcess service = launch(name, runnerJar, port, properties, jvmOptions, Map.of(), logDir);
        service.awaitReady(timeout);
        return service;
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200. If the process exits or the time runs out, stops it
     * and fails with the end of its log.
     */
    public ServiceProcess awaitReady(Duration timeout) {
        URI ready = URI.create(url() + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before it was ready" + Processes.logTail(name, logFile));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        stop();
        throw new IllegalStateException(name + " was not ready at " + ready + " within " + timeout.toSeconds()
                + " s (last answer: " + last + ")" + Processes.logTail(name, logFile));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The service's base URL, for example {@code http://localhost:8081}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the service's log. */
    public String logTail() {
        return Processes.tail(logFile, 60);
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL if it is still alive after 20 s. */
    public void stop() {
        Processes.stopTree(process.toHandle(), Duration.ofSeconds(20));
    }

    private static String moduleOf(Path runnerJar) {
        // <module>/target/quarkus-app/quarkus-run.jar
        Path module = runnerJar.getParent() == null ? null : runnerJar.getParent().getParent();
        module = module == null ? null : module.getParent();
        return module == null || module.getFileName() == null ? "<module>" : module.getFileName().toString();
    }
}
