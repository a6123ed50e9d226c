package dev.roster.worker.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.events.IntegrationDeleted;
import dev.roster.commons.inbox.Inbox;
import dev.roster.worker.run.SyncRunStore;
import dev.roster.worker.source.SourceStateService;

/**
 * Starts tracking each new source, whose fields it will discover; forgets a deleted one and stops its
 * unfinished jobs.
 */
@ApplicationScoped
public class IntegrationEventsListener {

    static final String CONSUMER = "sync-worker.integration-events";

    @Inject
    Inbox inbox;

    @Inject
    EventCodec codec;

    @Inject
    SourceStateService sources;

    @Inject
    SyncRunStore runs;

    @Incoming("integration-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        EventEnvelope event = codec.read(payload);
        switch (event.type()) {
            case EventTypes.INTEGRATION_CREATED -> inbox.applyOnce(CONSUMER, event,
                    () -> sources.track(codec.data(event, IntegrationCreated.class)));
            case EventTypes.INTEGRATION_DELETED -> inbox.applyOnce(CONSUMER, event, () -> {
                IntegrationDeleted deleted = codec.data(event, IntegrationDeleted.class);
                sources.forget(deleted.integrationId());
                runs.cancel(deleted.integrationId());
            });
            default -> {
                // updates reach the worker as discovery requests, if the connection changed
            }
        }
    }
}
