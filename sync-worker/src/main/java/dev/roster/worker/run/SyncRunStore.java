package dev.roster.worker.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.roster.commons.events.SyncRequested;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.worker.run.RunClaim.Counts;

/**
 * The {@code sync_run} table: requests in, claims, checkpoints and ends out. Every write by a running worker
 * names the job's attempt and the worker, so a worker whose job was handed over writes nothing more.
 */
@ApplicationScoped
public class SyncRunStore {

    @Inject
    EntityManager em;

    /** What a request did to the queue. */
    public enum Requested {
        /** A new job, or a newer attempt of a job that had not ended: it will be (re)claimed. */
        QUEUED,
        /** A newer attempt of a job this worker group already finished: its end is to be announced again. */
        ALREADY_ENDED,
        /** An attempt no newer than the one known: nothing to do. */
        STALE
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Requested request(SyncRequested request) {
        int inserted = em.createNativeQuery("""
                INSERT INTO sync_run (job_id, integration_id, tenant_id, source_type, requested_mode, attempt, state,
                                      requested_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'QUEUED', ?7)
                ON CONFLICT (job_id) DO NOTHING""")
                .setParameter(1, request.jobId()).setParameter(2, request.integrationId())
                .setParameter(3, request.tenantId()).setParameter(4, request.sourceType())
                .setParameter(5, request.mode().name()).setParameter(6, request.attempt())
                .setParameter(7, request.requestedAt() == null ? OffsetDateTime.now() : request.requestedAt())
                .executeUpdate();
        if (inserted == 1) {
            return Requested.QUEUED;
        }
        // a handover: the newer attempt fences off whoever holds the older one
        int taken = em.createNativeQuery("""
                UPDATE sync_run SET attempt = ?2, owner = NULL, lease_until = NULL
                 WHERE job_id = ?1 AND attempt < ?2 AND state IN ('QUEUED', 'RUNNING')""")
                .setParameter(1, request.jobId()).setParameter(2, request.attempt()).executeUpdate();
        if (taken == 1) {
            return Requested.QUEUED;
        }
        int ended = em.createNativeQuery("""
                UPDATE sync_run SET attempt = ?2 WHERE job_id = ?1 AND attempt < ?2 AND state IN ('ENDED', 'FAILED')""")
                .setParameter(1, request.jobId()).setParameter(2, request.attempt()).executeUpdate();
        return ended == 1 ? Requested.ALREADY_ENDED : Requested.STALE;
    }

    /** The next queued job, or a running one whose worker stopped renewing its lease; taken by {@code owner}. */
    @Transactional
    public Optional<RunClaim> claim(String owner, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em
                .createNativeQuery(
                        """
                                UPDATE sync_run r SET state = 'RUNNING', owner = ?1, lease_until = now() + ?2 * interval '1 millisecond',
                                       started_at = COALESCE(r.started_at, now()), claims = r.claims + 1
                                  FROM (SELECT job_id FROM sync_run
                                         WHERE state = 'QUEUED' OR (state = 'RUNNING' AND (lease_until IS NULL OR lease_until < now()))
                                         ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED) next
                                 WHERE r.job_id = next.job_id
                                RETURNING r.job_id, r.integration_id, r.tenant_id, r.source_type, r.requested_mode, r.mode, r.attempt,
                                          r.cursor, r.next_sequence, r.next_error_batch, r.fetched, r.skipped_inactive,
                                          r.skipped_excluded, r.failed, r.total, r.claims""")
                .setParameter(1, owner).setParameter(2, lease.toMillis()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new RunClaim((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                SyncMode.valueOf((String) r[4]), r[5] == null ? null : SyncMode.valueOf((String) r[5]),
                ((Number) r[6]).intValue(), owner, (String) r[7], ((Number) r[8]).longValue(),
                ((Number) r[9]).longValue(), new Counts(((Number) r[10]).longValue(), ((Number) r[11]).longValue(),
                        ((Number) r[12]).longValue(), ((Number) r[13]).longValue()),
                r[14] == null ? null : ((Number) r[14]).longValue(), ((Number) r[15]).intValue()));
    }

    /**
     * Stores how far the job got and renews the lease. Returns false if the job is no longer this worker's
     * (handed over, or its integration deleted): then the worker stops without another word.
     */
    @Transactional
    public boolean checkpoint(RunClaim claim, SyncMode mode, String cursor, long nextSequence, long nextErrorBatch,
            Counts counts, Long total, Duration lease) {
        return em.createNativeQuery("""
                UPDATE sync_run SET mode = ?4, cursor = ?5, next_sequence = ?6, next_error_batch = ?7, fetched = ?8,
                       skipped_inactive = ?9, skipped_excluded = ?10, failed = ?11, total = ?12,
                       lease_until = now() + ?13 * interval '1 millisecond', checkpoint_at = now()
                 WHERE job_id = ?1 AND attempt = ?2 AND owner = ?3 AND state = 'RUNNING'""")
                .setParameter(1, claim.jobId()).setParameter(2, claim.attempt()).setParameter(3, claim.owner())
                .setParameter(4, mode.name()).setParameter(5, cursor).setParameter(6, nextSequence)
                .setParameter(7, nextErrorBatch).setParameter(8, counts.fetched())
                .setParameter(9, counts.skippedInactive()).setParameter(10, counts.skippedExcluded())
                .setParameter(11, counts.failed()).setParameter(12, total).setParameter(13, lease.toMillis())
                .executeUpdate() == 1;
    }

    /** Renews the lease between checkpoints; false if the job is no longer this worker's. */
    @Transactional
    public boolean renew(RunClaim claim, Duration lease) {
        return em.createNativeQuery("""
                UPDATE sync_run SET lease_until = now() + ?4 * interval '1 millisecond'
                 WHERE job_id = ?1 AND attempt = ?2 AND owner = ?3 AND state = 'RUNNING'""")
                .setParameter(1, claim.jobId()).setParameter(2, claim.attempt()).setParameter(3, claim.owner())
                .setParameter(4, lease.toMillis()).executeUpdate() == 1;
    }

    /** Ends the job (ENDED or FAILED) with its final counts; false if it is no longer this worker's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean end(RunClaim claim, boolean failed, SyncMode mode, long batches, Counts counts, Long total,
            String error) {
        return em.createNativeQuery("""
                UPDATE sync_run SET state = ?4, mode = ?5, cursor = NULL, next_sequence = ?6, fetched = ?7,
                       skipped_inactive = ?8, skipped_excluded = ?9, failed = ?10, total = ?11, error = ?12,
                       owner = NULL, lease_until = NULL, ended_at = now()
                 WHERE job_id = ?1 AND attempt = ?2 AND owner = ?3 AND state = 'RUNNING'""")
                .setParameter(1, claim.jobId()).setParameter(2, claim.attempt()).setParameter(3, claim.owner())
                .setParameter(4, failed ? "FAILED" : "ENDED").setParameter(5, mode == null ? null : mode.name())
                .setParameter(6, batches + 1).setParameter(7, counts.fetched())
                .setParameter(8, counts.skippedInactive()).setParameter(9, counts.skippedExcluded())
                .setParameter(10, counts.failed()).setParameter(11, total).setParameter(12, error)
                .executeUpdate() == 1;
    }

    /** A finished job as stored, to announce its end again after a late handover. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Object[]> ended(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT state, mode, next_sequence, fetched, skipped_inactive, skipped_excluded, failed, error,
                       integration_id, tenant_id
                  FROM sync_run WHERE job_id = ?1""").setParameter(1, jobId).getResultList();
        return rows.stream().findFirst();
    }

    /** Stops every unfinished job of a deleted integration: their workers find them gone at the next write. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancel(UUID integrationId) {
        return em.createNativeQuery("""
                UPDATE sync_run SET state = 'CANCELLED', owner = NULL, lease_until = NULL, ended_at = now()
                 WHERE integration_id = ?1 AND state IN ('QUEUED', 'RUNNING')""").setParameter(1, integrationId)
                .executeUpdate();
    }
}
