package dev.roster.integration.domain;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.roster.commons.events.SyncRequested.SyncMode;

/** One run of an integration: what started it, where it stands, and what it counted. */
@Entity
@Table(name = "sync_job")
public class SyncJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false, updatable = false)
    public UUID integrationId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SyncMode mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Trigger trigger;

    @Column(name = "requested_by", updatable = false)
    public String requestedBy;

    /** 1, and one more each time the job is handed to another worker. */
    @Column(nullable = false)
    public int attempt;

    @Column(name = "mapping_version")
    public Integer mappingVersion;

    @Column(name = "worker_id")
    public String workerId;

    public long fetched;
    public long created;
    public long updated;
    public long unchanged;
    public long removed;

    @Column(name = "skipped_excluded")
    public long skippedExcluded;

    @Column(name = "skipped_inactive")
    public long skippedInactive;

    public long failed;

    /** How many people the source says it has, where it says. */
    public Long total;

    @Column(name = "held_removals")
    public Long heldRemovals;

    public String error;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "last_progress_at", nullable = false)
    public OffsetDateTime lastProgressAt;

    @Column(name = "deletions_confirmed_at")
    public OffsetDateTime deletionsConfirmedAt;

    @Column(name = "deletions_confirmed_by")
    public String deletionsConfirmedBy;

    public static Optional<SyncJob> findInTenant(String tenantId, UUID integrationId, UUID jobId) {
        return find("tenantId = ?1 and integrationId = ?2 and id = ?3", tenantId, integrationId, jobId)
                .firstResultOptional();
    }

    public static Optional<SyncJob> activeOf(UUID integrationId) {
        return find("integrationId = ?1 and state in ?2", integrationId,
                java.util.List.of(JobState.QUEUED, JobState.RUNNING)).firstResultOptional();
    }

    /** Percent done, where the source told its total. */
    public Integer percent() {
        if (state == JobState.SUCCEEDED || state == JobState.SUCCEEDED_WITH_ERRORS) {
            return 100;
        }
        if (total == null || total <= 0) {
            return null;
        }
        long seen = fetched + skippedExcluded + skippedInactive;
        return (int) Math.min(99, seen * 100 / total);
    }

    public enum Trigger {
        MANUAL, SCHEDULE
    }
}
