package dev.roster.testinfra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.FreePorts;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * The local stack behind {@code ./roster up}: the whole suite on the fixed ports of
 * {@code deploy/local/README.md}, data under {@code <repo>/.roster/local/}. Ctrl-C stops everything.
 *
 * <p>
 * Commands: {@code up} (default), {@code down} (stop a stack left running), {@code status}. Every process it
 * starts is written to {@code .roster/local/pids}; {@code up} and {@code down} stop the leftovers of an earlier
 * run, but only processes whose command line names this checkout's {@code .roster/local}.
 */
public final class LocalStackMain {

    private static final Duration GRACE = Duration.ofSeconds(20);
    /** Where the demo's source simulator answers. */
    static final int SIMULATOR_PORT = 18090;
    static final int DEMO_PEOPLE = 10_000;
    private static volatile boolean stopping;

    private final Path root;
    private final Path localDir;
    private final Path pidsFile;
    /** The marker every JVM of this stack carries, and the folder every other process of it names. */
    private final String marker;
    /** The processes this run started (and wrote to the pids file). */
    private final Set<Long> recorded = ConcurrentHashMap.newKeySet();

    private LocalStackMain(Path root) {
        this.root = root;
        this.localDir = Stack.localDir(root).toAbsolutePath().normalize();
        this.pidsFile = localDir.resolve("pids");
        this.marker = localDir.toString();
    }

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "up";
        LocalStackMain main = new LocalStackMain(Stack.findRoot());
        try {
            switch (command) {
                case "up" -> main.up();
                case "down" -> main.down();
                case "status" -> main.status();
                default -> {
                    System.err.println("usage: LocalStackMain [up|down|status]");
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("[roster] " + e.getMessage());
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // up

    private void up() {
        long started = System.nanoTime();
        createDirectories(localDir);
        stopLeftovers();
        checkPorts();
        writePids(List.of("main " + ProcessHandle.current().pid()), false);

        Stack[] holder = new Stack[1];
        Thread hook = new Thread(() -> {
            stopping = true;
            System.out.println();
            System.out.println("[roster] stopping the local stack...");
            Stack stack;
            synchronized (holder) {
                stack = holder[0];
            }
            if (stack != null) {
                stack.close();
            }
            stopOwnProcesses(); // whatever the stack had not yet handed over when it was interrupted
            deleteQuietly(pidsFile);
            System.out.println("[roster] stopped.");
        }, "roster-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.println("[roster] starting PostgreSQL, Kafka, Keycloak and the four services (data in " + localDir
                + ", logs in " + localDir.resolve("logs") + ")");
        Stack stack;
        try {
            // in this JVM: it stops with the launcher
            SourceSimulator.builder(new Population(2026, DEMO_PEOPLE)).port(SIMULATOR_PORT).start();
            stack = Stack.local(root)
                    // the demo's sources are the simulator on http://localhost
                    .serviceProperty(Service.INTEGRATION, "roster.sources.allow-http", "true")
                    .serviceProperty(Service.INTEGRATION, "roster.sources.allow-private-addresses", "true")
                    .listener(new Stack.Listener() {

                        @Override
                        public void started(String component, ProcessHandle process) {
                            if (recorded.add(process.pid())) {
                                writePids(List.of(component + " " + process.pid()), true);
                            }
                        }

                        @Override
                        public void progress(String message) {
                            System.out.println("[roster] " + message);
                        }
                    })
                    .start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the local stack did not start: " + e.getMessage(), e);
        }
        synchronized (holder) {
            holder[0] = stack;
        }
        System.out.println(banner(stack, Duration.ofNanos(System.nanoTime() - started)));
        watch(stack);
    }

    /** Waits until Ctrl-C, reporting a service that dies meanwhile. */
    private static void watch(Stack stack) {
        Set<Service> reported = ConcurrentHashMap.newKeySet();
        while (true) {
            stack.services().forEach((service, process) -> {
                if (!stopping && !process.isAlive() && reported.add(service)) {
                    System.err.println("[roster] " + process.name() + " stopped unexpectedly; see " + process.logFile()
                            + Processes.logTail(process.name(), process.logFile()));
                }
            });
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String banner(Stack stack, Duration took) {
        KeycloakServer keycloak = stack.keycloak();
        String tokenUrl = keycloak.tokenUrl();
        String integrations = stack.url(Service.INTEGRATION) + "/api/v1/integrations";
        StringBuilder out = new StringBuilder();
        out.append("\n");
        out.append("Roster local stack is up (").append(took.toSeconds()).append(" s). Data: ").append(localDir)
                .append("\n\n");
        out.append(String.format("  %-27s %-6s %s%n", "component", "port", "where"));
        for (Service service : Service.values()) {
            ServiceProcess process = stack.service(service);
            out.append(String.format("  %-27s %-6d %s/q/swagger-ui   (log: %s)%n", service.module(), process.port(),
                    process.url(), root.relativize(process.logFile())));
        }
        out.append(String.format("  %-27s %-6d %s/admin   (admin / admin; realm %s)%n", "Keycloak",
                keycloak.httpPort(), keycloak.baseUrl(), KeycloakServer.REALM));
        out.append(String.format("  %-27s %-6d %s%n", "Keycloak management", Stack.LOCAL_KEYCLOAK_MANAGEMENT_PORT,
                "(health and metrics, when enabled)"));
        out.append(String.format("  %-27s %-6d %s%n", "PostgreSQL", stack.postgresPort(),
                "jdbc:postgresql://localhost:" + stack.postgresPort()
                        + "/{integration,mapping,directory,worker}   (postgres / postgres)"));
        out.append(String.format("  %-27s %-6d %s%n", "Kafka", Stack.LOCAL_KAFKA_PORT, stack.kafkaBootstrapServers()));
        out.append("\n");
        out.append("Demo users (realm roster, client roster-cli, password = user name):\n");
        out.append("  admin    tenant demo     parent-admin (every permission)\n");
        out.append("  editor   tenant demo     integrations-edit mappings-edit contacts-read contacts-delete "
                + "lists-manage spaces-manage\n");
        out.append("  viewer   tenant demo     contacts-read\n");
        out.append("  other    tenant initech  integrations-edit mappings-edit contacts-read\n");
        out.append("\n");
        out.append("Get a token for editor:\n");
        out.append("  TOKEN=$(curl -s " + tokenUrl + " -d grant_type=password -d client_id=" + KeycloakServer.CLI_CLIENT
                + " -d username=editor -d password=editor | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
        out.append("\n");
        out.append("The source simulator serves " + String.format("%,d", DEMO_PEOPLE) + " people at http://localhost:"
                + SIMULATOR_PORT + " (Staffbase /api/users, SCIM /scim/v2, Graph, Salesforce, Workday).\n");
        out.append("Connect its Staffbase API, then sync it:\n");
        out.append(
                "  curl -i " + integrations + " -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json'"
                        + " -d '{\"name\":\"Intranet\",\"sourceType\":\"STAFFBASE\","
                        + "\"connection\":{\"baseUrl\":\"http://localhost:" + SIMULATOR_PORT + "\"},"
                        + "\"credentials\":{\"apiToken\":\"" + SourceSimulator.DEFAULT_STAFFBASE_TOKEN + "\"}}'\n");
        out.append("  curl -i -X POST " + integrations + "/<id>/syncs -H \"Authorization: Bearer $TOKEN\"\n");
        out.append("\n");
        out.append("Press Ctrl-C to stop everything.\n");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // down and status

    private void down() {
        int stopped = stopLeftovers();
        deleteQuietly(pidsFile);
        System.out.println(stopped == 0 ? "[roster] no local stack is running." : "[roster] stopped.");
    }

    private void status() {
        List<String> lines = readPids();
        if (lines.isEmpty()) {
            System.out.println("[roster] no local stack recorded in " + pidsFile);
        }
        for (String line : lines) {
            String[] parts = line.split(" ");
            Optional<ProcessHandle> process = ours(parts);
            System.out.printf("  %-27s pid %-8s %s%n", parts[0], parts.length > 1 ? parts[1] : "?",
                    process.isPresent() ? "running" : "gone");
        }
        for (Map.Entry<Integer, String> port : ports().entrySet()) {
            System.out.printf("  port %-6d %-27s %s%n", port.getKey(), port.getValue(),
                    FreePorts.isFree(port.getKey()) ? "free" : "in use");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Leftovers, pids and ports

    /**
     * Stops what this run started that is still alive: its recorded processes and its children. Never another
     * launcher's processes: a second {@code ./roster up} may be starting while this one stops.
     */
    private void stopOwnProcesses() {
        List<ProcessHandle> own = new ArrayList<>(ProcessHandle.current().descendants().toList());
        for (long pid : recorded) {
            ProcessHandle.of(pid)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> isOurs(Processes.commandLine(p)))
                    .ifPresent(own::add);
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ProcessHandle process : own) {
            if (process.isAlive()) {
                stops.add(CompletableFuture.runAsync(() -> Processes.stopTree(process, GRACE)));
            }
        }
        stops.forEach(CompletableFuture::join);
    }

    /**
     * Stops the processes of an earlier run that are still alive: the ones in the pids file, and any other
     * process whose command line names this checkout's {@code .roster/local} (for example a PostgreSQL whose
     * launcher was killed hard). An earlier launcher goes first, so its own shutdown stops its children.
     */
    private int stopLeftovers() {
        Map<Long, String> leftovers = new LinkedHashMap<>();
        for (String line : readPids()) {
            String[] parts = line.split(" ");
            ours(parts).ifPresent(process -> leftovers.put(process.pid(), parts[0]));
        }
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.pid() != self && !isAncestorOfSelf(p))
                    .filter(p -> isOurs(Processes.commandLine(p)))
                    .forEach(p -> leftovers.putIfAbsent(p.pid(), describe(p)));
        }
        leftovers.remove(self);
        if (leftovers.isEmpty()) {
            return 0;
        }
        List<Map.Entry<Long, String>> ordered = new ArrayList<>(leftovers.entrySet());
        // An earlier launcher first, alone: its own shutdown stops its children in order.
        for (Map.Entry<Long, String> leftover : ordered) {
            ProcessHandle.of(leftover.getKey()).filter(p -> isLauncher(p.pid())).ifPresent(launcher -> {
                System.out.println("[roster] stopping the earlier launcher (pid " + launcher.pid() + ")");
                launcher.destroy();
                try {
                    launcher.onExit().get(90, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Processes.stopTree(launcher, GRACE);
                }
            });
        }
        // Then whatever is left, all at once.
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Map.Entry<Long, String> leftover : ordered) {
            ProcessHandle.of(leftover.getKey()).filter(ProcessHandle::isAlive).ifPresent(process -> {
                System.out.println("[roster] stopping " + leftover.getValue() + " (pid " + process.pid()
                        + ") left running by an earlier run");
                stops.add(CompletableFuture.runAsync(() -> Processes.stopTree(process, GRACE)));
            });
        }
        stops.forEach(CompletableFuture::join);
        return ordered.size();
    }

    /**
     * Whether a command line is one of this checkout's local stack: a JVM with its marker, the Keycloak
     * launcher script in its folder, its Kafka broker or its PostgreSQL. An editor or a {@code tail} showing one
     * of its logs is not.
     */
    private boolean isOurs(String command) {
        if (command.contains(LocalStackMain.class.getName())
                && !command.endsWith(LocalStackMain.class.getName() + " up")) {
            return false; // `down` or `status`: not a stack
        }
        return command.contains("-Droster.local.dir=" + marker)
                || command.contains(marker + "/keycloak/bin/kc.sh")
                || command.contains("KafkaBrokerMain " + marker + "/kafka")
                || command.contains("postgres") && command.contains("-D " + marker + "/postgres");
    }

    private boolean isLauncher(long pid) {
        return ProcessHandle.of(pid).map(p -> Processes.commandLine(p).contains(LocalStackMain.class.getName()))
                .orElse(false);
    }

    private static boolean isAncestorOfSelf(ProcessHandle candidate) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        while (parent.isPresent()) {
            if (parent.get().pid() == candidate.pid()) {
                return true;
            }
            parent = parent.get().parent();
        }
        return false;
    }

    private static String describe(ProcessHandle process) {
        String command = Processes.commandLine(process);
        if (command.contains("KafkaBrokerMain")) {
            return "kafka";
        }
        if (command.contains("kc.sh") || command.contains("keycloak")) {
            return "keycloak";
        }
        if (command.contains("postgres")) {
            return "postgres";
        }
        for (Service service : Service.values()) {
            if (command.contains("/" + service.module() + "/")) {
                return service.module();
            }
        }
        return command.contains(LocalStackMain.class.getName()) ? "main" : "process";
    }

    /** The live process of a pids-file line, if its command line shows it is one of ours. */
    private Optional<ProcessHandle> ours(String[] line) {
        if (line.length < 2) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(line[1]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> isOurs(Processes.commandLine(p)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Fails with a clear message when a port of the stack is held by a process that is not ours. */
    private void checkPorts() {
        Map<Integer, String> ports = ports();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Integer> busy;
        do {
            busy = ports.keySet().stream().filter(port -> !FreePorts.isFree(port)).toList();
            if (busy.isEmpty()) {
                return;
            }
            sleep(500);
        } while (System.nanoTime() < deadline);
        StringBuilder message = new StringBuilder("ports of the local stack are in use by other programs:");
        for (int port : busy) {
            message.append("\n  ").append(port).append(" (").append(ports.get(port)).append(") held by ")
                    .append(PortOwner.describe(port));
        }
        message.append("\nStop them (or, if it is an earlier Roster stack of another checkout, `./roster down` there)"
                + " and run ./roster up again.");
        throw new IllegalStateException(message.toString());
    }

    private static Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            ports.put(service.localPort(), service.module());
        }
        ports.put(Stack.LOCAL_KEYCLOAK_PORT, "Keycloak");
        ports.put(Stack.LOCAL_KEYCLOAK_MANAGEMENT_PORT, "Keycloak management");
        ports.put(Stack.LOCAL_POSTGRES_PORT, "PostgreSQL");
        ports.put(Stack.LOCAL_KAFKA_PORT, "Kafka");
        ports.put(SIMULATOR_PORT, "source simulator");
        return ports;
    }

    private List<String> readPids() {
        try {
            return Files.isRegularFile(pidsFile)
                    ? Files.readAllLines(pidsFile).stream().map(String::trim).filter(l -> !l.isEmpty()).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private synchronized void writePids(List<String> lines, boolean append) {
        try {
            Files.write(pidsFile, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + pidsFile, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Who listens on a TCP port, from /proc (Linux): "pid 123 (command)" or "an unknown process". */
    static final class PortOwner {

        private PortOwner() {
        }

        static String describe(int port) {
            Set<String> inodes = new java.util.HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 9 && "0A".equals(f[3])
                                && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // not Linux, or not readable
                }
            }
            if (inodes.isEmpty()) {
                return "an unknown process";
            }
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                        for (Path fd : fds.toList()) {
                            try {
                                if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                    long pid = Long.parseLong(proc.getFileName().toString());
                                    String command = ProcessHandle.of(pid).map(Processes::commandLine).orElse("?");
                                    return "pid " + pid + " (" + abbreviate(command) + ")";
                                }
                            } catch (IOException e) {
                                // closed meanwhile
                            }
                        }
                    } catch (IOException | SecurityException e) {
                        // another user's process
                    }
                }
            } catch (IOException e) {
                // no /proc
            }
            return "an unknown process";
        }

        private static String abbreviate(String command) {
            return command.length() <= 120 ? command : command.substring(0, 117) + "...";
        }
    }
}
