package dev.roster.directory.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import dev.roster.commons.events.ContactUpsertBatch;
import dev.roster.commons.events.DeletionsConfirmed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.JobCompleted;
import dev.roster.commons.events.JobCompleted.Outcome;
import dev.roster.commons.events.JobProgress;
import dev.roster.commons.events.SyncEnded;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.directory.config.DeletionThresholdConfig;
import dev.roster.directory.sync.Statistics.ContactsChanged;
import dev.roster.directory.sync.SyncJobs.Job;
import dev.roster.directory.sync.SyncJobs.State;

/**
 * Applies what the sync workers send: upsert batches once per (job, sequence), then, when every batch of the
 * job is applied, the sweep or its hold; and reports the counts on {@link Topics#SYNC_PROGRESS}. Every write,
 * contact event and report of one command is one transaction.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class SyncApplyService {

    private static final Logger LOG = Logger.getLogger(SyncApplyService.class);
    private static final int CHUNK = 5_000;

    @Inject
    DataSource dataSource;

    @Inject
    ContactStore store;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    DeletionThresholdConfig threshold;

    @Inject
    Event<ContactsChanged> changed;

    public void applyBatch(String tenant, ContactUpsertBatch batch) {
        run(c -> {
            SyncJobs.open(c, batch.jobId(), batch.integrationId(), tenant);
            if (!SyncJobs.firstApply(c, batch.jobId(), batch.sequence())) {
                LOG.debugf("Batch %d of job %s applied before", batch.sequence(), batch.jobId());
                return;
            }
            Counts counts = new Counts();
            List<ContactUpsertBatch.ContactUpsert> upserts = batch.upserts() == null ? List.of() : batch.upserts();
            recordSupplied(c, batch.jobId(), upserts);
            store.upsert(c, tenant, batch.integrationId(), upserts, counts);
            if (batch.removedSourceIds() != null) {
                store.unlink(c, tenant, batch.integrationId(), batch.removedSourceIds(), counts);
            }
            Job job = SyncJobs.add(c, batch.jobId(), 1, counts);
            if (job.allBatchesApplied()) {
                complete(c, job);
            } else {
                report(EventTypes.JOB_PROGRESS, job,
                        new JobProgress(job.jobId(), job.integrationId(), job.counts().toSyncCounts(), null, now()));
            }
        });
    }

    public void end(String tenant, SyncEnded ended) {
        run(c -> {
            SyncJobs.open(c, ended.jobId(), ended.integrationId(), tenant);
            Job job = SyncJobs.end(c, ended.jobId(), ended.batches(), ended.sweep());
            if (job.allBatchesApplied()) {
                complete(c, job);
            }
        });
    }

    public void confirm(String tenant, DeletionsConfirmed confirmed) {
        run(c -> {
            Job job = SyncJobs.find(c, confirmed.jobId());
            if (job == null || job.state() != State.HELD || !job.tenantId().equals(tenant)) {
                LOG.infof("Deletions of job %s confirmed, but none are held", confirmed.jobId());
                return;
            }
            List<String> held = sourceIds(c, "DELETE FROM held_removal WHERE job_id = ? RETURNING source_id",
                    job.jobId());
            Counts counts = new Counts();
            unlinkInChunks(c, job, held, counts);
            job = SyncJobs.add(c, job.jobId(), 0, counts);
            job = SyncJobs.state(c, job.jobId(), State.COMPLETED);
            report(EventTypes.JOB_COMPLETED, job, new JobCompleted(job.jobId(), job.integrationId(), Outcome.SUCCEEDED,
                    job.counts().toSyncCounts(), null, now()));
            changed.fire(new ContactsChanged(counts.removed));
        });
    }

    /** Every batch is applied: sweep (or hold the sweep past the threshold), then report the job applied. */
    private void complete(Connection c, Job job) throws SQLException {
        Outcome outcome = Outcome.SUCCEEDED;
        Long held = null;
        if (job.sweep()) {
            List<String> removals = sourceIds(c, "SELECT l.source_id FROM contact_link l WHERE l.integration_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM job_supplied j WHERE j.job_id = ? AND j.source_id = l.source_id)",
                    job.integrationId(), job.jobId());
            long total = count(c, job.integrationId());
            if (threshold.holds(removals.size(), total)) {
                holdRemovals(c, job.jobId(), removals);
                outcome = Outcome.AWAITING_CONFIRMATION;
                held = (long) removals.size();
            } else {
                Counts counts = new Counts();
                unlinkInChunks(c, job, removals, counts);
                job = SyncJobs.add(c, job.jobId(), 0, counts);
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM job_supplied WHERE job_id = ?")) {
            s.setObject(1, job.jobId());
            s.executeUpdate();
        }
        job = SyncJobs.state(c, job.jobId(), held == null ? State.COMPLETED : State.HELD);
        report(EventTypes.JOB_COMPLETED, job, new JobCompleted(job.jobId(), job.integrationId(), outcome,
                job.counts().toSyncCounts(), held, now()));
        changed.fire(new ContactsChanged(job.counts().created + job.counts().updated + job.counts().removed));
    }

    private void unlinkInChunks(Connection c, Job job, List<String> sourceIds, Counts counts) throws SQLException {
        for (int from = 0; from < sourceIds.size(); from += CHUNK) {
            store.unlink(c, job.tenantId(), job.integrationId(),
                    sourceIds.subList(from, Math.min(sourceIds.size(), from + CHUNK)), counts);
        }
    }

    private static void recordSupplied(Connection c, UUID jobId, List<ContactUpsertBatch.ContactUpsert> upserts)
            throws SQLException {
        if (upserts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO job_supplied (job_id, source_id)"
                + " SELECT ?, s FROM unnest(?::text[]) AS t(s) ON CONFLICT DO NOTHING")) {
            s.setObject(1, jobId);
            s.setArray(2, c.createArrayOf("text", upserts.stream().map(u -> u.sourceId()).toArray()));
            s.executeUpdate();
        }
    }

    private static void holdRemovals(Connection c, UUID jobId, List<String> sourceIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO held_removal (job_id, source_id)"
                + " SELECT ?, s FROM unnest(?::text[]) AS t(s) ON CONFLICT DO NOTHING")) {
            s.setObject(1, jobId);
            s.setArray(2, c.createArrayOf("text", sourceIds.toArray()));
            s.executeUpdate();
        }
    }

    private static long count(Connection c, UUID integrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM contact_link WHERE integration_id = ?")) {
            s.setObject(1, integrationId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<String> sourceIds(Connection c, String sql, UUID... params) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private void report(String type, Job job, Object data) {
        String key = job.jobId().toString();
        outbox.publish(Topics.SYNC_PROGRESS, key, codec.envelope(ContactStore.SOURCE, type, key, job.tenantId(), data));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private interface Work {

        void run(Connection c) throws SQLException;
    }

    private void run(Work work) {
        try (Connection c = dataSource.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Applying a contact command failed", e);
        }
    }
}
