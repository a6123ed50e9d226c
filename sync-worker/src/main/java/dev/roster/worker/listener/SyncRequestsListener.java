package dev.roster.worker.listener;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

import dev.roster.commons.events.DiscoveryRequested;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.JobFailed;
import dev.roster.commons.events.SyncCounts;
import dev.roster.commons.events.SyncEnded;
import dev.roster.commons.events.SyncRequested;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.commons.events.Topics;
import dev.roster.commons.inbox.Inbox;
import dev.roster.commons.outbox.Outbox;
import dev.roster.worker.run.SyncRunStore;
import dev.roster.worker.run.SyncRunStore.Requested;
import dev.roster.worker.run.WorkScheduler.WorkArrived;
import dev.roster.worker.source.SourceStateService;

/**
 * Turns requests into rows of the worker group's queue, once per event: a sync request becomes a queued job
 * (a newer attempt of a stalled job takes it over from its previous worker), a discovery request marks the
 * source's fields as to be read. The work itself runs on the worker's own threads, not on the consumer's.
 */
@ApplicationScoped
public class SyncRequestsListener {

    static final String CONSUMER = "sync-worker.sync-requests";
    private static final Logger LOG = Logger.getLogger(SyncRequestsListener.class);

    @Inject
    Inbox inbox;

    @Inject
    EventCodec codec;

    @Inject
    SyncRunStore runs;

    @Inject
    SourceStateService sources;

    @Inject
    Outbox outbox;

    @Inject
    Event<WorkArrived> work;

    @Incoming("sync-requests")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        EventEnvelope event = codec.read(payload);
        switch (event.type()) {
            case EventTypes.SYNC_REQUESTED -> inbox.applyOnce(CONSUMER, event,
                    () -> syncRequested(codec.data(event, SyncRequested.class)));
            case EventTypes.DISCOVERY_REQUESTED -> inbox.applyOnce(CONSUMER, event, () -> {
                sources.discoveryRequested(codec.data(event, DiscoveryRequested.class));
                work.fire(new WorkArrived());
            });
            default -> LOG.debugf("Ignoring %s on %s", event.type(), Topics.SYNC_REQUESTS);
        }
    }

    private void syncRequested(SyncRequested request) {
        Requested outcome = runs.request(request);
        switch (outcome) {
            case QUEUED -> work.fire(new WorkArrived());
            case ALREADY_ENDED -> announceAgain(request.jobId());
            case STALE -> LOG.debugf("Job %s attempt %d is not newer than the one known", request.jobId(),
                    request.attempt());
        }
    }

    /**
     * integration-service asked again for a job this worker group already finished (the end was slow to
     * arrive, or the directory slow to answer): say again how it ended. Both events are idempotent.
     */
    private void announceAgain(UUID jobId) {
        runs.ended(jobId).ifPresent(row -> {
            String state = (String) row[0];
            UUID integrationId = (UUID) row[8];
            String tenantId = (String) row[9];
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if ("FAILED".equals(state)) {
                outbox.publish(Topics.SYNC_PROGRESS, jobId.toString(), codec.envelope("/roster/sync-worker",
                        EventTypes.JOB_FAILED, jobId.toString(), tenantId,
                        new JobFailed(jobId, integrationId, (String) row[7], now)));
                return;
            }
            SyncMode mode = row[1] == null ? SyncMode.FULL : SyncMode.valueOf((String) row[1]);
            SyncCounts counts = new SyncCounts(((Number) row[3]).longValue(), null, null, null, null,
                    ((Number) row[5]).longValue(), ((Number) row[4]).longValue(), ((Number) row[6]).longValue());
            outbox.publish(Topics.CONTACT_COMMANDS, integrationId.toString(), codec.envelope("/roster/sync-worker",
                    EventTypes.SYNC_ENDED, jobId.toString(), tenantId, new SyncEnded(jobId, integrationId, mode,
                            mode == SyncMode.FULL, ((Number) row[2]).longValue() - 1, counts, now)));
        });
    }
}
