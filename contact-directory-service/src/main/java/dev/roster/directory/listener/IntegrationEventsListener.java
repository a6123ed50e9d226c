package dev.roster.directory.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.inbox.Inbox;
import dev.roster.directory.source.SourceIntegrationService;

/** Learns of new integrations, the sources its contacts will come from. */
@ApplicationScoped
public class IntegrationEventsListener {

    static final String CONSUMER = "contact-directory-service.integration-events";

    @Inject
    Inbox inbox;

    @Inject
    SourceIntegrationService sources;

    @Incoming("integration-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        inbox.applyOnce(CONSUMER, payload, EventTypes.INTEGRATION_CREATED, IntegrationCreated.class, sources::register);
    }
}
