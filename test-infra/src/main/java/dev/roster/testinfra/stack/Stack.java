package dev.roster.testinfra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.roster.testinfra.FreePorts;
import dev.roster.testinfra.KafkaBroker;
import dev.roster.testinfra.PostgresServer;

/**
 * The whole suite as real processes: PostgreSQL (one database per service), a Kafka broker, Keycloak with the
 * {@code roster} realm, and the four packaged services, started in parallel where it helps and stopped together
 * on {@link #close()}.
 *
 * <ul>
 * <li>{@link #forTests()}: free ports picked at run time, temporary data, the test realm (alice, bob, carol).
 * <li>{@link #local(Path)}: the fixed ports of {@code deploy/local/README.md}, data kept under
 * {@code <repo>/.roster/local/}, the demo realm (admin, editor, viewer).
 * </ul>
 */
public final class Stack implements AutoCloseable {

    public static final int LOCAL_KEYCLOAK_PORT = 8180;
    public static final int LOCAL_KEYCLOAK_MANAGEMENT_PORT = 9180;
    public static final int LOCAL_POSTGRES_PORT = 15432;
    public static final int LOCAL_KAFKA_PORT = 19092;

    /** The four services: their Maven module, their database and their port in the local stack. */
    public enum Service {

        INTEGRATION("integration-service", "integration", 8081), MAPPING("mapping-service", "mapping",
                8082), DIRECTORY("contact-directory-service", "directory", 8083), WORKER("sync-worker", "worker", 8084);

        private final String module;
        private final String database;
        private final int localPort;

        Service(String module, String database, int localPort) {
            this.module = module;
            this.database = database;
            this.localPort = localPort;
        }

        public String module() {
            return module;
        }

        public String database() {
            return database;
        }

        public int localPort() {
            return localPort;
        }
    }

    /** Told about each process as it starts (the local stack records their pids) and about progress. */
    public interface Listener {

        default void started(String component, ProcessHandle process) {
        }

        default void progress(String message) {
        }
    }

    private final Builder settings;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, String> jdbcUrls = new EnumMap<>(Service.class);
    private volatile Databases postgres;
    private volatile KafkaBroker kafka;
    private volatile KeycloakServer keycloak;
    private volatile boolean closed;
    private final List<Thread> starters = new ArrayList<>();
    private final List<CompletableFuture<?>> starting = new ArrayList<>();

    private Stack(Builder settings) {
        this.settings = settings;
    }

    /** Free ports, temporary data, the test realm; logs under a temporary directory unless set. */
    public static Builder forTests() {
        return new Builder(false);
    }

    /** Fixed ports, data under {@code <root>/.roster/local/}, the demo realm. */
    public static Builder local(Path root) {
        return new Builder(true).root(root);
    }

    /** What to start and where. */
    public static final class Builder {

        private final boolean local;
        private Path root;
        private Path logDir;
        private String realmResource;
        private Set<Service> selected = EnumSet.allOf(Service.class);
        private final Map<Service, Map<String, String>> extraProperties = new EnumMap<>(Service.class);
        private final Map<Service, List<String>> extraJvmOptions = new EnumMap<>(Service.class);
        private boolean quickBoot = true;
        private Duration serviceTimeout = Duration.ofMinutes(3);
        private Listener listener = new Listener() {
        };

        private Builder(boolean local) {
            this.local = local;
        }

        /** The repository root, where the services' {@code target/quarkus-app} are (default: found). */
        public Builder root(Path root) {
            this.root = root.toAbsolutePath().normalize();
            return this;
        }

        /** Where the services' and Keycloak's logs go. */
        public Builder logDir(Path dir) {
            this.logDir = dir.toAbsolutePath();
            return this;
        }

        /** The realm file (a resource next to {@link KeycloakServer}); default: test or demo realm. */
        public Builder realmResource(String resource) {
            this.realmResource = resource;
            return this;
        }

        /** Starts only these services (default: all four). */
        public Builder services(Service first, Service... more) {
            this.selected = EnumSet.of(first, more);
            return this;
        }

        /** One more configuration property for a service. */
        public Builder serviceProperty(Service service, String key, String value) {
            extraProperties.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** One more JVM option for a service, e.g. {@code -Xmx256m}. */
        public Builder serviceJvmOption(Service service, String option) {
            extraJvmOptions.computeIfAbsent(service, s -> new ArrayList<>()).add(option);
            return this;
        }

        /**
         * Whether test stacks boot their services with the quick-start JIT only (default: yes). Benchmarks
         * switch it off, so the services run with the optimising compiler as in production.
         */
        public Builder quickBoot(boolean quick) {
            this.quickBoot = quick;
            return this;
        }

        /** How long each service may take to become ready (default: 3 minutes). */
        public Builder serviceTimeout(Duration timeout) {
            this.serviceTimeout = timeout;
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /** Starts everything; on any failure stops what was started and throws. */
        public Stack start() {
            if (root == null) {
                root = findRoot();
            }
            if (logDir == null) {
                logDir = local ? localDir(root).resolve("logs") : tempDir("roster-stack-logs");
            }
            if (realmResource == null) {
                realmResource = local ? KeycloakServer.DEMO_REALM : KeycloakServer.TEST_REALM;
            }
            Stack stack = new Stack(this);
            try {
                stack.startAll();
                return stack;
            } catch (RuntimeException | Error e) {
                stack.close();
                throw e;
            }
        }
    }

    /** The directory of the local stack's data, pids and logs: {@code <root>/.roster/local}. */
    /**
     * The key that seals integration credentials: kept in the local stack's folder so a restart can still
     * read what it stored; a fresh one for every test stack.
     */
    private String credentialsKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String fresh = java.util.Base64.getEncoder().encodeToString(key);
        if (!settings.local) {
            return fresh;
        }
        Path file = localDir(settings.root).resolve("credentials.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, fresh);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not keep the credentials key in " + file, e);
        }
    }

    public static Path localDir(Path root) {
        return root.resolve(".roster").resolve("local");
    }

    private void startAll() {
        // Set logging up in this thread: PostgreSQL's and Keycloak's start-up threads initializing the JBoss
        // LogManager at the same time can deadlock on its class initialization.
        java.util.logging.Logger.getLogger(Stack.class.getName());
        Listener listener = settings.listener;
        boolean local = settings.local;
        Path data = local ? localDir(settings.root) : null;
        int keycloakPort = local ? LOCAL_KEYCLOAK_PORT : FreePorts.pick();
        String realmUrl = "http://localhost:" + keycloakPort + "/realms/" + KeycloakServer.REALM;
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : settings.selected) {
            ports.put(service, local ? service.localPort() : FreePorts.pick());
        }

        // Keycloak is the slowest: it starts first and boots while everything else does.
        CompletableFuture<KeycloakServer> keycloakStart = async("keycloak", () -> {
            KeycloakServer.Builder builder = KeycloakServer.builder()
                    .httpPort(keycloakPort)
                    .managementPort(local ? LOCAL_KEYCLOAK_MANAGEMENT_PORT : FreePorts.pick())
                    .realmResource(settings.realmResource)
                    .logFile(settings.logDir.resolve("keycloak.log"))
                    .jvmOption("-XX:TieredStopAtLevel=1")
                    .jvmOption(marker())
                    .onLaunch(process -> listener.started("keycloak", process));
            if (local) {
                builder.home(data.resolve("keycloak"));
            }
            KeycloakServer server = builder.start();
            keycloak = server;
            server.process().descendants().forEach(child -> listener.started("keycloak-jvm", child));
            listener.progress("Keycloak ready at " + server.baseUrl());
            return server;
        });
        CompletableFuture<Databases> postgresStart = async("postgres", () -> {
            Databases databases = local
                    ? LocalPostgres.start(data.resolve("postgres"), LOCAL_POSTGRES_PORT)
                    : new TestPostgres(PostgresServer.start(0));
            postgres = databases;
            databases.process().ifPresent(p -> listener.started("postgres", p));
            listener.progress("PostgreSQL ready on port " + databases.port());
            return databases;
        });
        CompletableFuture<KafkaBroker> kafkaStart = async("kafka", () -> {
            KafkaBroker broker = local
                    ? KafkaBroker.start(LOCAL_KAFKA_PORT, data.resolve("kafka"))
                    : KafkaBroker.start(0, null);
            kafka = broker;
            kafkaProcess(broker).ifPresent(p -> listener.started("kafka", p));
            listener.progress("Kafka ready at " + broker.bootstrapServers());
            return broker;
        });

        Databases databases = join(postgresStart);
        KafkaBroker broker = join(kafkaStart);
        for (Service service : settings.selected) {
            jdbcUrls.put(service, local
                    ? databases.createNamed(service.database())
                    : databases.createFresh(service.database()));
        }

        // The services boot while Keycloak does: quarkus-oidc fetches its keys when the first token arrives.
        for (Service service : settings.selected) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("quarkus.datasource.jdbc.url", jdbcUrls.get(service));
            props.put("quarkus.datasource.username", databases.user());
            props.put("quarkus.datasource.password", databases.password());
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            props.put("quarkus.oidc.auth-server-url", realmUrl);
            for (Service other : Service.values()) {
                int port = ports.containsKey(other) ? ports.get(other) : other.localPort();
                props.put("roster.services." + other.database() + ".url", "http://localhost:" + port);
            }
            if (service == Service.WORKER) {
                props.put("quarkus.oidc-client.auth-server-url", realmUrl);
                props.put("quarkus.oidc-client.client-id", KeycloakServer.SYNC_WORKER_CLIENT);
                props.put("quarkus.oidc-client.credentials.secret", KeycloakServer.SYNC_WORKER_SECRET);
            }
            props.putAll(settings.extraProperties.getOrDefault(service, Map.of()));
            List<String> jvm = new ArrayList<>();
            jvm.add(marker());
            if (!local && settings.quickBoot) {
                jvm.add("-XX:TieredStopAtLevel=1"); // short-lived: boot faster
            }
            jvm.addAll(settings.extraJvmOptions.getOrDefault(service, List.of()));
            Path jar = settings.root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            Map<String, String> environment = service == Service.INTEGRATION
                    ? Map.of("ROSTER_CREDENTIALS_KEY", credentialsKey())
                    : Map.of();
            ServiceProcess process = ServiceProcess.launch(service.module(), jar, ports.get(service), props, jvm,
                    environment, settings.logDir);
            synchronized (services) {
                services.put(service, process);
            }
            listener.started(service.module(), process.process());
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess process : services.values()) {
            ready.add(async(process.name(), () -> {
                process.awaitReady(settings.serviceTimeout);
                listener.progress(process.name() + " ready at " + process.url());
                return null;
            }));
        }
        ready.forEach(Stack::join);
        join(keycloakStart);
    }

    /** Put on every JVM the stack starts, so a later run can tell its leftovers from other processes. */
    private String marker() {
        return settings.local ? "-Droster.local.dir=" + localDir(settings.root) : "-Droster.stack=test";
    }

    // ---------------------------------------------------------------------------------------------------------
    // What tests and the local stack need

    public String url(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.module() + " is not part of this stack");
        }
        return process.url();
    }

    public ServiceProcess service(Service service) {
        return services.get(service);
    }

    public Map<Service, ServiceProcess> services() {
        return Map.copyOf(services);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** The JDBC URL of a service's database (user and password: {@link #postgresUser()} and password). */
    public String jdbcUrl(Service service) {
        return jdbcUrls.get(service);
    }

    public String postgresUser() {
        return postgres.user();
    }

    public String postgresPassword() {
        return postgres.password();
    }

    public Path logDir() {
        return settings.logDir;
    }

    /** The end of every service's log, for a failing test's output. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        services.values().forEach(s -> out.append(Processes.logTail(s.name(), s.logFile())));
        if (keycloak != null) {
            out.append(Processes.logTail("keycloak", keycloak.logFile()));
        }
        return out.toString();
    }

    /** Stops the services, then Keycloak, Kafka and PostgreSQL. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A failed start: the parts still starting are interrupted (each stops what it launched) and awaited.
        synchronized (starters) {
            starters.forEach(Thread::interrupt);
            starting.forEach(Stack::joinQuietly);
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        List<ServiceProcess> running;
        synchronized (services) {
            running = new ArrayList<>(services.values());
        }
        for (ServiceProcess service : running) {
            stops.add(CompletableFuture.runAsync(service::stop));
        }
        stops.forEach(Stack::joinQuietly);
        stops.clear();
        if (keycloak != null) {
            stops.add(CompletableFuture.runAsync(keycloak::stop));
        }
        if (kafka != null) {
            stops.add(CompletableFuture.runAsync(kafka::stop));
        }
        stops.forEach(Stack::joinQuietly);
        if (postgres != null) {
            try {
                postgres.stop();
            } catch (RuntimeException e) {
                System.err.println("[roster] PostgreSQL did not stop cleanly: " + e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private <T> CompletableFuture<T> async(String what, Supplier<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(task.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "stack-start-" + what);
        thread.setDaemon(true);
        synchronized (starters) {
            starters.add(thread);
            starting.add(future);
        }
        thread.start();
        return future;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static void joinQuietly(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (RuntimeException e) {
            // reported where it happened
        }
    }

    /** The broker's JVM: a child of this one running KafkaBrokerMain on the broker's port. */
    private static Optional<ProcessHandle> kafkaProcess(KafkaBroker broker) {
        String port = broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1);
        return ProcessHandle.current().children()
                .filter(p -> {
                    String command = Processes.commandLine(p);
                    return command.contains("KafkaBrokerMain") && command.contains(" " + port + " ");
                })
                .findFirst();
    }

    /** The repository root: system property {@code roster.root}, else the nearest folder above with the services. */
    static Path findRoot() {
        String configured = System.getProperty("roster.root");
        if (configured != null && !configured.isBlank()
                && Files.isDirectory(Path.of(configured).resolve(Service.INTEGRATION.module()))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve(Service.INTEGRATION.module()))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (a folder with pom.xml and "
                + Service.INTEGRATION.module() + "/): set -Droster.root");
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PostgreSQL server seen as a source of databases. */
    private interface Databases {

        /** A new database named after the prefix, with a random suffix (tests). */
        String createFresh(String prefix);

        /** The database of that name, created if missing (local stack: kept between runs). */
        String createNamed(String name);

        String user();

        String password();

        int port();

        Optional<ProcessHandle> process();

        void stop();
    }

    private record TestPostgres(PostgresServer server) implements Databases {

        @Override
        public String createFresh(String prefix) {
            return server.createDatabase(prefix);
        }

        @Override
        public String createNamed(String name) {
            return server.createDatabaseNamed(name);
        }

        @Override
        public String user() {
            return server.user();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public Optional<ProcessHandle> process() {
            return Optional.empty();
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    /** The local stack's PostgreSQL: embedded, on a fixed port, its data kept in a folder between runs. */
    private static final class LocalPostgres implements Databases {

        private final EmbeddedPostgres embedded;
        private final Path dataDir;

        private LocalPostgres(EmbeddedPostgres embedded, Path dataDir) {
            this.embedded = embedded;
            this.dataDir = dataDir;
        }

        static LocalPostgres start(Path dataDir, int port) {
            try {
                Files.createDirectories(dataDir.getParent());
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        // a million contacts and their indexes fit; the 128 MB default evicts index pages all the time
                        .setServerConfig("shared_buffers", "1GB")
                        .start();
                return new LocalPostgres(embedded, dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start on port " + port + " with data in " + dataDir,
                        e);
            }
        }

        @Override
        public String createFresh(String prefix) {
            return createNamed(prefix);
        }

        @Override
        public String createNamed(String name) {
            String admin = embedded.getJdbcUrl("postgres", "postgres");
            try (Connection connection = DriverManager.getConnection(admin);
                    Statement statement = connection.createStatement()) {
                try (ResultSet existing = statement
                        .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!existing.next()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not create database " + name, e);
            }
            return "jdbc:postgresql://localhost:" + embedded.getPort() + "/" + name;
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return "postgres";
        }

        @Override
        public int port() {
            return embedded.getPort();
        }

        /** The postmaster (started through pg_ctl, so not a child of this JVM). */
        @Override
        public Optional<ProcessHandle> process() {
            try {
                List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
                return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public void stop() {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
