package dev.roster.mapping.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.FieldsDiscovered;
import dev.roster.commons.inbox.Inbox;
import dev.roster.mapping.service.MappingService;

/**
 * Keeps the fields and samples the worker discovers in each source, and suggests a mapping on the first
 * discovery; the topic's other events (job progress) are not mapping-service's concern.
 */
@ApplicationScoped
public class SyncProgressListener {

    static final String CONSUMER = "mapping-service.sync-progress";

    @Inject
    Inbox inbox;

    @Inject
    EventCodec codec;

    @Inject
    MappingService mappings;

    @Incoming("sync-progress")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        EventEnvelope event = codec.read(payload);
        if (!EventTypes.FIELDS_DISCOVERED.equals(event.type())) {
            return;
        }
        inbox.applyOnce(CONSUMER, event,
                () -> mappings.discovered(event.tenantid(), codec.data(event, FieldsDiscovered.class)));
    }
}
