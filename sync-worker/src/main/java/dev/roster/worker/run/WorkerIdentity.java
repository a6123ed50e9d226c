package dev.roster.worker.run;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this worker is (its jobs carry the name), and whether it is shutting down. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id;
    private volatile boolean stopping;

    public WorkerIdentity(@ConfigProperty(name = "roster.worker.id") Optional<String> configured) {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("worker");
        this.id = configured.orElse(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }

    public boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }
}
