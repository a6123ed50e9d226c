package dev.roster.directory.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.ContactSchemaChanged;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.inbox.Inbox;
import dev.roster.directory.schema.TenantSchemas;

/** Keeps each tenant's custom fields, so filters and sorts know their types; mapping snapshots are ignored. */
@ApplicationScoped
public class MappingEventsListener {

    static final String CONSUMER = "contact-directory-service.mapping-events";

    @Inject
    Inbox inbox;

    @Inject
    TenantSchemas schemas;

    @Incoming("mapping-events")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        inbox.applyOnce(CONSUMER, payload, EventTypes.CONTACT_SCHEMA_CHANGED, ContactSchemaChanged.class,
                schemas::apply);
    }
}
