package dev.roster.integration.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A connected source of one tenant. */
@Entity
@Table(name = "integration")
public class Integration extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type", nullable = false, updatable = false)
    public SourceType sourceType;

    /** The source type's connection settings, as validated JSON (see ConnectionSettings). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode connection;

    @Column(name = "credentials_key_id")
    public String credentialsKeyId;

    /** All secrets of the integration as one AES-GCM ciphertext; never returned, never logged. */
    @Column(name = "credentials_ciphertext")
    public byte[] credentialsCiphertext;

    /** The names of the secrets that are set: what a response may show of them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "credential_names", nullable = false)
    public List<String> credentialNames;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_kind", nullable = false)
    public ScheduleKind scheduleKind;

    @Column(name = "schedule_interval_seconds")
    public Long scheduleIntervalSeconds;

    @Column(name = "schedule_cron")
    public String scheduleCron;

    @Column(name = "schedule_paused", nullable = false)
    public boolean schedulePaused;

    @Column(name = "next_run_at")
    public OffsetDateTime nextRunAt;

    @Column(name = "last_sync_at")
    public OffsetDateTime lastSyncAt;

    /** The final state of the last job that ended. */
    @Enumerated(EnumType.STRING)
    @Column(name = "last_sync_state")
    public JobState lastSyncState;

    @Column(name = "last_error")
    public String lastError;

    /** Failed jobs since the last one that succeeded; past a threshold the schedule backs off to daily. */
    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The integration if it exists in the tenant: another tenant's integration is as good as absent. */
    public static Optional<Integration> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static boolean tenantHasStaffbase(String tenantId) {
        return count("tenantId = ?1 and sourceType = ?2", tenantId, SourceType.STAFFBASE) > 0;
    }

    public enum ScheduleKind {
        INTERVAL, CRON
    }
}
