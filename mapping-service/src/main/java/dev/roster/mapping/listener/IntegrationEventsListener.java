package dev.roster.mapping.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.inbox.Inbox;
import dev.roster.mapping.service.MappingService;
import dev.roster.mapping.service.SchemaService;

/**
 * Gives every new integration its empty mapping, and a tenant seen for the first time its published schema, once,
 * however often the event is delivered.
 */
@ApplicationScoped
public class IntegrationEventsListener {

    static final String CONSUMER = "mapping-service.integration-events";

    @Inject
    Inbox inbox;

    @Inject
    MappingService mappings;

    @Inject
    SchemaService schemas;

    @Incoming("integration-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        inbox.applyOnce(CONSUMER, payload, EventTypes.INTEGRATION_CREATED, IntegrationCreated.class, created -> {
            schemas.firstSeen(created.tenantId());
            mappings.createEmpty(created);
        });
    }
}
