package dev.roster.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at real infrastructure: a fresh database of its own on the JVM's PostgreSQL
 * and the JVM's Kafka broker. Both start once per test JVM and stop when it exits.
 *
 * <p>
 * Use with {@code @QuarkusTestResource(value = RosterInfraResource.class, initArgs = @ResourceArg(name =
 * "database", value = "integration"))}.
 */
public class RosterInfraResource implements QuarkusTestResourceLifecycleManager {

    private String database = "roster";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = PostgresServer.shared();
        KafkaBroker kafka = KafkaBroker.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.createDatabase(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM: stopped by its shutdown hook
    }
}
