package dev.roster.integration.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.inbox.Inbox;
import dev.roster.integration.service.SyncProgressService;

/** Job reports from the workers and the directory, each applied once. */
@ApplicationScoped
public class SyncProgressListener {

    static final String CONSUMER = "integration-service.sync-progress";

    @Inject
    EventCodec codec;

    @Inject
    Inbox inbox;

    @Inject
    SyncProgressService progress;

    @Incoming("sync-progress")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        EventEnvelope event = codec.read(payload);
        inbox.applyOnce(CONSUMER, event, () -> progress.apply(event));
    }
}
