package dev.roster.directory.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The directory's record of a job it applies: batches applied, the end the worker announced, counts. */
final class SyncJobs {

    enum State {
        APPLYING, HELD, COMPLETED
    }

    record Job(UUID jobId, UUID integrationId, String tenantId, long batchesApplied, Long batchesTotal,
            boolean sweep, Counts counts, State state) {

        boolean allBatchesApplied() {
            return state == State.APPLYING && batchesTotal != null && batchesApplied >= batchesTotal;
        }
    }

    private SyncJobs() {
    }

    static void open(Connection c, UUID jobId, UUID integrationId, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sync_job (job_id, integration_id, tenant_id)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, jobId);
            s.setObject(2, integrationId);
            s.setString(3, tenant);
            s.executeUpdate();
        }
    }

    /** Records the batch as applied; false when this (job, sequence) was applied before. */
    static boolean firstApply(Connection c, UUID jobId, long sequence) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO applied_batch (job_id, sequence) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, jobId);
            s.setLong(2, sequence);
            return s.executeUpdate() == 1;
        }
    }

    static Job add(Connection c, UUID jobId, long batches, Counts counts) throws SQLException {
        return update(c, "UPDATE sync_job SET batches_applied = batches_applied + ?, created = created + ?,"
                + " updated = updated + ?, unchanged = unchanged + ?, removed = removed + ? WHERE job_id = ?"
                + " RETURNING *", s -> {
                    s.setLong(1, batches);
                    s.setLong(2, counts.created);
                    s.setLong(3, counts.updated);
                    s.setLong(4, counts.unchanged);
                    s.setLong(5, counts.removed);
                    s.setObject(6, jobId);
                });
    }

    static Job end(Connection c, UUID jobId, long batches, boolean sweep) throws SQLException {
        return update(c, "UPDATE sync_job SET batches_total = ?, sweep = ? WHERE job_id = ? RETURNING *", s -> {
            s.setLong(1, batches);
            s.setBoolean(2, sweep);
            s.setObject(3, jobId);
        });
    }

    static Job state(Connection c, UUID jobId, State state) throws SQLException {
        return update(c, "UPDATE sync_job SET state = ? WHERE job_id = ? RETURNING *", s -> {
            s.setString(1, state.name());
            s.setObject(2, jobId);
        });
    }

    static Job find(Connection c, UUID jobId) throws SQLException {
        return update(c, "SELECT * FROM sync_job WHERE job_id = ? FOR UPDATE", s -> s.setObject(1, jobId));
    }

    private interface Binder {

        void bind(PreparedStatement s) throws SQLException;
    }

    private static Job update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Counts counts = new Counts();
                counts.created = r.getLong("created");
                counts.updated = r.getLong("updated");
                counts.unchanged = r.getLong("unchanged");
                counts.removed = r.getLong("removed");
                Long total = r.getObject("batches_total", Long.class);
                return new Job(r.getObject("job_id", UUID.class), r.getObject("integration_id", UUID.class),
                        r.getString("tenant_id"), r.getLong("batches_applied"), total,
                        r.getBoolean("sweep"), counts, State.valueOf(r.getString("state")));
            }
        }
    }
}
