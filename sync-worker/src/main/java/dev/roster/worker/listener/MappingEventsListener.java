package dev.roster.worker.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.MappingPublished;
import dev.roster.commons.inbox.Inbox;
import dev.roster.worker.mapping.Mappings;

/**
 * Keeps the newest published mapping of each integration for the next job; other events of the topic (the
 * tenants' contact schemas) are not the worker's concern.
 */
@ApplicationScoped
public class MappingEventsListener {

    static final String CONSUMER = "sync-worker.mapping-events";

    @Inject
    Inbox inbox;

    @Inject
    Mappings mappings;

    @Incoming("mapping-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        inbox.applyOnce(CONSUMER, payload, EventTypes.MAPPING_PUBLISHED, MappingPublished.class,
                mappings::published);
    }
}
