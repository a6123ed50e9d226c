package dev.roster.worker.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.inbox.Inbox;
import dev.roster.worker.source.SourceStateService;

/** Starts tracking each new source, whose fields it will discover. */
@ApplicationScoped
public class IntegrationEventsListener {

    static final String CONSUMER = "sync-worker.integration-events";

    @Inject
    Inbox inbox;

    @Inject
    SourceStateService sources;

    @Incoming("integration-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        inbox.applyOnce(CONSUMER, payload, EventTypes.INTEGRATION_CREATED, IntegrationCreated.class, sources::track);
    }
}
