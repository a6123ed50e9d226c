package dev.roster.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests and the local stack: an embedded server started from Maven artefacts, or an
 * existing server named by {@code ROSTER_TEST_PG_URL} (a JDBC URL with admin rights),
 * {@code ROSTER_TEST_PG_USER} and {@code ROSTER_TEST_PG_PASSWORD}. One per JVM; each caller gets its own
 * fresh database.
 */
public final class PostgresServer {

    private static PostgresServer shared;

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String adminUrl, String user, String password) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** Starts a server of its own on the given port (0: any free port), unless the environment names one. */
    public static PostgresServer start(int port) {
        String url = System.getenv("ROSTER_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(null, url, env("ROSTER_TEST_PG_USER", "postgres"),
                    env("ROSTER_TEST_PG_PASSWORD", "postgres"));
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Creates a new, empty database whose name starts with the given prefix and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        return createDatabaseNamed(name);
    }

    /** Creates the database if it does not exist yet and returns its JDBC URL. */
    public String createDatabaseNamed(String name) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            var existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!existing.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " at " + adminUrl, e);
        }
        return urlOf(name);
    }

    public String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int port() {
        return embedded == null ? -1 : embedded.getPort();
    }

    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
