package dev.roster.worker.discovery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.roster.commons.events.DiscoveryFailed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.FieldsDiscovered;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.worker.access.IntegrationServiceClient;
import dev.roster.worker.access.IntegrationServiceClient.IntegrationGoneException;
import dev.roster.worker.config.WorkerConfig;
import dev.roster.worker.connector.Connectors;
import dev.roster.worker.connector.SourceConnector;
import dev.roster.worker.connector.SourceException;
import dev.roster.worker.connector.SourcePage;
import dev.roster.worker.connector.SourceRecord;
import dev.roster.worker.source.SourceStateService;
import dev.roster.worker.source.SourceStateService.PendingDiscovery;

/**
 * Answers a discovery request: reads the source's first records (roster.worker.discovery-records), derives
 * its fields with samples and types, and publishes {@code FieldsDiscovered} for mapping-service, or
 * {@code DiscoveryFailed} with the reason. The answer and the source's discovery status are written in one
 * transaction, through the outbox.
 */
@ApplicationScoped
public class DiscoveryRunner {

    private static final Logger LOG = Logger.getLogger(DiscoveryRunner.class);
    private static final String SOURCE = "/roster/sync-worker";

    @Inject
    WorkerConfig config;

    @Inject
    IntegrationServiceClient integrationService;

    @Inject
    Connectors connectors;

    @Inject
    SourceStateService sources;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    public void run(PendingDiscovery discovery) {
        FieldCollector fields = new FieldCollector();
        try (SourceConnector connector = connectors.open(integrationService.sourceAccess(discovery.integrationId()))) {
            String cursor = null;
            do {
                SourcePage page = connector.fetch(cursor);
                for (SourceRecord record : page.records()) {
                    if (fields.records() < config.discoveryRecords()) {
                        fields.add(record);
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null && fields.records() < config.discoveryRecords());
        } catch (IntegrationGoneException e) {
            forget(discovery);
            return;
        } catch (SourceException e) {
            answer(discovery, null, e.getMessage());
            return;
        }
        answer(discovery, fields, null);
    }

    @Transactional
    void forget(PendingDiscovery discovery) {
        sources.forget(discovery.integrationId());
    }

    @Transactional
    void answer(PendingDiscovery discovery, FieldCollector fields, String error) {
        if (!sources.discovered(discovery, error)) {
            LOG.debugf("Discovery %s of %s superseded", discovery.requestId(), discovery.integrationId());
            return;
        }
        String key = discovery.integrationId().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (error == null) {
            outbox.publish(Topics.SYNC_PROGRESS, key, codec.envelope(SOURCE, EventTypes.FIELDS_DISCOVERED, key,
                    discovery.tenantId(), new FieldsDiscovered(discovery.requestId(), discovery.integrationId(),
                            discovery.sourceType(), fields.records(), fields.fields(), now)));
            LOG.infof("Discovered %d fields of integration %s from %d records", fields.fields().size(),
                    discovery.integrationId(), fields.records());
        } else {
            outbox.publish(Topics.SYNC_PROGRESS, key, codec.envelope(SOURCE, EventTypes.DISCOVERY_FAILED, key,
                    discovery.tenantId(), new DiscoveryFailed(discovery.requestId(), discovery.integrationId(),
                            discovery.sourceType(), error, now)));
            LOG.warnf("Discovery of integration %s failed: %s", discovery.integrationId(), error);
        }
    }
}
