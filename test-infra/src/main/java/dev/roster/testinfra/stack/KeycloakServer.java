package dev.roster.testinfra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.roster.testinfra.Files2;
import dev.roster.testinfra.FreePorts;

/**
 * A real Keycloak, started from the {@code org.keycloak:keycloak-quarkus-dist} zip that the test-infra build
 * downloads from Maven Central, with the {@code roster} realm imported from a JSON file.
 *
 * <p>
 * The distribution is unpacked once into {@code ~/.cache/roster/keycloak-<version>} (outside {@code target/},
 * so {@code mvn clean} does not cost the one-time rebuild of about 50 s again). Every server gets a home
 * directory of its own that links to that installation, so each has its own {@code data/} (H2 database and
 * realm import) and several can run side by side. Keycloak needs Java 21 or newer: see {@link #javaHome()}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.7.3";
    public static final String REALM = "roster";
    /** A public client that allows the password grant: demos, scripts and tests. */
    public static final String CLI_CLIENT = "roster-cli";
    /** The confidential client sync-worker uses for client-credentials tokens. */
    public static final String SYNC_WORKER_CLIENT = "roster-sync-worker";
    public static final String SYNC_WORKER_SECRET = "roster-sync-worker-secret";
    /** Realm file for the end-to-end tests: alice and carol (tenant acme), bob (tenant globex), paula. */
    public static final String TEST_REALM = "realm-roster-test.json";
    /** Realm file for the local stack: admin, editor, viewer (tenant demo) and other (tenant initech). */
    public static final String DEMO_REALM = "realm-roster-demo.json";
    /** The bootstrap administrator of the master realm (admin console). */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final String UNPACKED_MARKER = ".roster-unpacked";
    private static final String BUILT_MARKER = ".roster-dev-built";
    private static final Object JVM_LOCK = new Object();

    private final Process process;
    private final Path home;
    private final boolean temporaryHome;
    private final int httpPort;
    private final String baseUrl;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, Path home, boolean temporaryHome, int httpPort, String baseUrl,
            Path logFile) {
        this.process = process;
        this.home = home;
        this.temporaryHome = temporaryHome;
        this.httpPort = httpPort;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start a Keycloak; every setting has a default suitable for tests. */
    public static final class Builder {

        private int httpPort;
        private int managementPort;
        private String realmResource = TEST_REALM;
        private Path realmFile;
        private Path home;
        private Path logFile;
        private Duration timeout;
        private final List<String> jvmOptions = new ArrayList<>();
        private Consumer<ProcessHandle> onLaunch = process -> {
        };

        private Builder() {
        }

        /** The HTTP port (default: a free one). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The management port (health, metrics; default: a free one). */
        public Builder managementPort(int port) {
            this.managementPort = port;
            return this;
        }

        /** A realm file on the classpath, next to this class ({@link #TEST_REALM} or {@link #DEMO_REALM}). */
        public Builder realmResource(String resource) {
            this.realmResource = resource;
            this.realmFile = null;
            return this;
        }

        /** A realm file on disk, instead of a resource. */
        public Builder realmFile(Path file) {
            this.realmFile = file;
            return this;
        }

        /**
         * The server's own home, where its {@code data/} (users, sessions) lives and survives restarts.
         * Default: a temporary directory deleted on stop.
         */
        public Builder home(Path dir) {
            this.home = dir;
            return this;
        }

        /** Where the server's output goes (default: {@code keycloak.log} in its home). */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** How long to wait for the realm to be served (default: 3 minutes, 5 on the very first start). */
        public Builder startTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Extra JVM options for the server (for example a marker that identifies the process). */
        public Builder jvmOption(String option) {
            this.jvmOptions.add(option);
            return this;
        }

        /** Told the launcher script's process as soon as it runs, before the server is ready. */
        public Builder onLaunch(Consumer<ProcessHandle> listener) {
            this.onLaunch = listener;
            return this;
        }

        /** Starts the server and waits until the realm's OpenID configuration is served. */
        public KeycloakServer start() {
            try {
                return KeycloakServer.start(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Keycloak did not start", e);
            }
        }
    }

    private static KeycloakServer start(Builder b) throws IOException {
        Path install = ensureInstalled();
        Path javaHome = javaHome();
        boolean temporary = b.home == null;
        Path home = temporary ? Files.createTempDirectory("roster-keycloak") : b.home.toAbsolutePath();
        prepareHome(home, install);
        writeRealm(home, b);

        int httpPort = b.httpPort > 0 ? b.httpPort : FreePorts.pick();
        int managementPort = b.managementPort > 0 ? b.managementPort : FreePorts.pick();
        String baseUrl = "http://localhost:" + httpPort;
        Path logFile = b.logFile != null ? b.logFile.toAbsolutePath() : home.resolve("keycloak.log");
        Files.createDirectories(logFile.getParent());

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort, "--hostname=" + baseUrl,
                "--import-realm");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
                || name.equals("JAVA_OPTS") || name.equals("JAVA"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        List<String> jvmOptions = new ArrayList<>(b.jvmOptions);
        jvmOptions.add("-Droster.keycloak.home=" + home);
        env.put("JAVA_OPTS_APPEND", String.join(" ", jvmOptions));
        builder.directory(home.toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(logFile.toFile());

        // The very first start of an installation rebuilds it: let only one server at a time do that.
        if (Files.exists(install.resolve(BUILT_MARKER))) {
            return launch(builder, b, home, temporary, httpPort, baseUrl, logFile, Duration.ofMinutes(3));
        }
        synchronized (JVM_LOCK) {
            try (FileMutex lock = FileMutex.acquire(install.resolveSibling(install.getFileName() + ".build.lock"))) {
                KeycloakServer server = launch(builder, b, home, temporary, httpPort, baseUrl, logFile,
                        Duration.ofMinutes(5));
                Files.writeString(install.resolve(BUILT_MARKER), "started once by Roster\n");
                return server;
            }
        }
    }

    private static KeycloakServer launch(ProcessBuilder builder, Builder b, Path home, boolean temporary, int httpPort,
            String baseUrl, Path logFile, Duration defaultTimeout) throws IOException {
        Process process = start(builder);
        KeycloakServer server = new KeycloakServer(process, home, temporary, httpPort, baseUrl, logFile);
        b.onLaunch.accept(process.toHandle());
        server.awaitReady(b.timeout != null ? b.timeout : defaultTimeout);
        return server;
    }

    /**
     * Starts the script, retrying while Linux refuses with "Text file busy": the server's home was just copied,
     * and a process another thread forked meanwhile may still hold a descriptor of a copied file open for a moment.
     */
    private static Process start(ProcessBuilder builder) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt == 10 || e.getMessage() == null || !e.getMessage().contains("Text file busy")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The server's base URL, for example {@code http://localhost:8180}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The realm URL, which is also the tokens' issuer: the value of {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return baseUrl + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public int httpPort() {
        return httpPort;
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return logFile;
    }

    /** The launcher script's process; the Keycloak JVM is its child. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** An access token for a user of the realm, from the password grant of {@link #CLI_CLIENT}. */
    public String passwordToken(String username, String password) {
        return passwordToken(CLI_CLIENT, username, password);
    }

    public String passwordToken(String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return requestToken(form);
    }

    /** An access token for a confidential client's service account (client-credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return requestToken(form);
    }

    /** The decoded payload (claims, as JSON) of a token, for checks and diagnostics. */
    public static String claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private String requestToken(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("token request (" + form.get("grant_type") + ", client "
                        + form.get("client_id") + ") failed: HTTP " + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + tokenUrl() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the server (SIGTERM to the script and the JVM, SIGKILL after 30 s); a temporary home is deleted. */
    public void stop() {
        Processes.stopTree(process.toHandle(), Duration.ofSeconds(30));
        if (temporaryHome) {
            Files2.deleteRecursively(home);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout) throws IOException {
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with status " + process.exitValue() + " before serving realm "
                        + REALM + Processes.logTail("keycloak", logFile));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IOException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        stop();
        throw new IOException("Keycloak did not serve " + discovery + " within " + timeout.toSeconds() + " s (last: "
                + lastProblem + ")" + Processes.logTail("keycloak", logFile));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Installation

    /**
     * The unpacked distribution, unpacking it on first use: into a temporary directory renamed into place at
     * the end, under a file lock, so an interrupted or concurrent unpack never leaves a broken copy.
     */
    public static Path ensureInstalled() {
        Path cache = cacheDir();
        Path install = cache.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(install.resolve(UNPACKED_MARKER))) {
            return install;
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(cache);
                try (FileMutex lock = FileMutex.acquire(cache.resolve("keycloak-" + VERSION + ".lock"))) {
                    if (Files.isRegularFile(install.resolve(UNPACKED_MARKER))) {
                        return install;
                    }
                    try (Stream<Path> leftovers = Files.list(cache)) {
                        leftovers.filter(p -> p.getFileName().toString().startsWith("keycloak-" + VERSION + ".tmp-"))
                                .forEach(Files2::deleteRecursively);
                    }
                    if (Files.exists(install)) {
                        // not ours or incomplete: set it aside before deleting, the rename is atomic
                        Path broken = cache.resolve("keycloak-" + VERSION + ".tmp-broken-" + System.nanoTime());
                        Files.move(install, broken, StandardCopyOption.ATOMIC_MOVE);
                        Files2.deleteRecursively(broken);
                    }
                    Path zip = distributionZip();
                    Path temp = Files.createTempDirectory(cache, "keycloak-" + VERSION + ".tmp-");
                    System.out.println("[roster] unpacking " + zip + " into " + install + " (once)");
                    unzip(zip, temp);
                    Files.writeString(temp.resolve(UNPACKED_MARKER), "unpacked from " + zip + "\n");
                    readableByAll(temp);
                    Files.move(temp, install, StandardCopyOption.ATOMIC_MOVE);
                    return install;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not unpack Keycloak into " + install, e);
            }
        }
    }

    /** A temporary directory is private to its owner; the installation is not. */
    private static void readableByAll(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to do
        }
    }

    /** {@code $ROSTER_CACHE_DIR}, else {@code $XDG_CACHE_HOME/roster}, else {@code ~/.cache/roster}. */
    public static Path cacheDir() {
        String configured = System.getenv("ROSTER_CACHE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("roster").toAbsolutePath();
    }

    /**
     * The distribution zip: system property {@code roster.keycloak.dist}, else the path the test-infra build
     * recorded when Maven downloaded it, else the usual place in the local Maven repository.
     */
    public static Path distributionZip() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("roster.keycloak.dist");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak-dist.properties")) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                String recorded = props.getProperty("zip", "");
                if (!recorded.isBlank() && !recorded.startsWith("${")) {
                    candidates.add(Path.of(recorded));
                }
            }
        } catch (IOException e) {
            // fall back to the local repository
        }
        String repo = System.getProperty("maven.repo.local");
        Path repository = repo != null && !repo.isBlank()
                ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        candidates.add(repository.resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-"
                + VERSION + ".zip"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the Keycloak distribution org.keycloak:keycloak-quarkus-dist:" + VERSION
                + ":zip was not found (looked at " + candidates + "). Maven downloads it when it builds test-infra: "
                + "run `mvn -pl test-infra -am install -DskipTests` once.");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? name : name.substring(slash + 1); // drop keycloak-<version>/
                if (relative.isEmpty()) {
                    continue;
                }
                Path out = target.resolve(relative).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (relative.endsWith(".sh")) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    /**
     * A home of its own: {@code bin/kc.sh} copied (the script takes its home from its own location), the
     * installation's libraries, configuration, providers and themes linked, and a private {@code data/}.
     */
    private static void prepareHome(Path home, Path install) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path script = home.resolve("bin/kc.sh");
        Files.copy(install.resolve("bin/kc.sh"), script, StandardCopyOption.REPLACE_EXISTING);
        script.toFile().setExecutable(true, false);
        for (String shared : List.of("lib", "conf", "providers", "themes", "version.txt")) {
            Path link = home.resolve(shared);
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            } else if (Files.exists(link)) {
                Files2.deleteRecursively(link);
            }
            Files.createSymbolicLink(link, install.resolve(shared));
        }
        Files.createDirectories(home.resolve("data/import"));
    }

    /**
     * Puts the realm file where {@code --import-realm} reads it. Keycloak imports a realm only once, into its
     * database: when the file differs from the one a persistent home last imported, the database is dropped so
     * that the realm, its clients, roles and users are exactly the file's again.
     */
    private static void writeRealm(Path home, Builder b) throws IOException {
        Path imports = home.resolve("data/import");
        Path target = imports.resolve("realm-" + REALM + ".json");
        byte[] previous = Files.isRegularFile(target) ? Files.readAllBytes(target) : null;
        byte[] realm;
        if (b.realmFile != null) {
            realm = Files.readAllBytes(b.realmFile);
        } else {
            try (InputStream in = KeycloakServer.class.getResourceAsStream(b.realmResource)) {
                if (in == null) {
                    throw new IOException("realm resource not found next to " + KeycloakServer.class.getName()
                            + ": " + b.realmResource);
                }
                realm = in.readAllBytes();
            }
        }
        try (Stream<Path> old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.write(target, realm);
        Path database = home.resolve("data/h2");
        if (previous != null && !java.util.Arrays.equals(previous, realm) && Files.isDirectory(database)) {
            try (Stream<Path> files = Files.walk(database)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** An exclusive lock on a file, across processes; closing it releases the lock. */
    private static final class FileMutex implements AutoCloseable {

        private final FileChannel channel;

        private FileMutex(FileChannel channel) {
            this.channel = channel;
        }

        static FileMutex acquire(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock();
                return new FileMutex(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Java

    /**
     * A Java 21+ home for Keycloak: {@code $ROSTER_KEYCLOAK_JAVA_HOME}, else {@code $JAVA_HOME} if it is 21 or
     * newer, else the running JVM if it is, else the newest JDK of 21 or more under {@code /usr/lib/jvm}.
     */
    public static Path javaHome() {
        String configured = System.getenv("ROSTER_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("ROSTER_KEYCLOAK_JAVA_HOME=" + configured + " has no bin/java");
            }
            return home;
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank() && featureVersion(Path.of(javaHome)) >= 21) {
            return Path.of(javaHome);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Optional<Path> found = Stream.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/java"))
                .filter(Files::isDirectory)
                .flatMap(KeycloakServer::list)
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> featureVersion(home) >= 21)
                .max(Comparator.comparingInt(KeycloakServer::featureVersion));
        return found.orElseThrow(() -> new IllegalStateException("Keycloak " + VERSION + " needs Java 21 or newer and "
                + "none was found (JAVA_HOME, the running JVM and /usr/lib/jvm are " + Runtime.version().feature()
                + " or older). Install one (for example Temurin 25) or set ROSTER_KEYCLOAK_JAVA_HOME."));
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** The feature version from a JDK's {@code release} file (for example 25), or -1. */
    static int featureVersion(Path home) {
        Path release = home.resolve("release");
        try {
            if (Files.isRegularFile(release)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                        String[] parts = version.split("[.+\\-]");
                        int first = Integer.parseInt(parts[0]);
                        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK we can read
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
