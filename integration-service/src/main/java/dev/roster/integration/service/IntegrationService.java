package dev.roster.integration.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.DiscoveryRequested;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.events.IntegrationDeleted;
import dev.roster.commons.events.IntegrationUpdated;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.integration.connection.ConnectionReader;
import dev.roster.integration.connection.ConnectionSettings;
import dev.roster.integration.credentials.CredentialCipher;
import dev.roster.integration.credentials.CredentialCipher.Sealed;
import dev.roster.integration.domain.ConnectionCheck;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SourceType;
import dev.roster.integration.rest.CreateIntegrationRequest;
import dev.roster.integration.rest.UpdateIntegrationRequest;
import dev.roster.integration.schedule.ScheduleSettings;
import dev.roster.integration.schedule.Schedules;

/** Integrations, their secrets and schedules, and the events that tell the other services about them. */
@ApplicationScoped
@Transactional
public class IntegrationService {

    private static final Logger LOG = Logger.getLogger(IntegrationService.class);

    static final String SOURCE = "/roster/integration-service";
    private static final String ONE_STAFFBASE_INDEX = "integration_one_staffbase_per_tenant";

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    ConnectionReader connections;

    @Inject
    CredentialCipher cipher;

    @Inject
    Schedules schedules;

    @Inject
    ObjectMapper mapper;

    /** Stores the integration and, in the same transaction, the events that announce it. */
    public Integration create(@NotNull String tenantId, @NotNull String subject,
            @NotNull @Valid CreateIntegrationRequest request) {
        ConnectionSettings settings = connections.read(request.sourceType(), request.connection());
        connections.checkSecretNames(settings, request.credentials());
        if (request.sourceType() == SourceType.STAFFBASE && Integration.tenantHasStaffbase(tenantId)) {
            throw oneStaffbasePerTenant();
        }
        OffsetDateTime now = now();
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.tenantId = tenantId;
        integration.name = request.name().strip();
        integration.sourceType = request.sourceType();
        integration.connection = connections.write(settings);
        integration.createdBy = subject;
        integration.createdAt = now;
        integration.updatedAt = now;
        storeCredentials(integration, request.credentials() == null ? Map.of() : request.credentials());
        schedules.apply(integration, request.schedule() == null ? ScheduleSettings.defaults() : request.schedule(),
                now);
        try {
            integration.persistAndFlush();
        } catch (PersistenceException e) {
            throw violates(e, ONE_STAFFBASE_INDEX) ? oneStaffbasePerTenant() : e;
        }

        IntegrationCreated created = new IntegrationCreated(integration.id, tenantId, integration.name,
                integration.sourceType.name(), subject, now);
        publish(integration, EventTypes.INTEGRATION_CREATED, created);
        requestDiscovery(integration, now);
        LOG.infof("Integration %s (%s) created in tenant %s by %s; secrets set: %s", integration.id,
                integration.sourceType, tenantId, subject, integration.credentialNames);
        return integration;
    }

    /**
     * Applies a partial update if the caller saw the current version. Changing the connection or the
     * secrets asks the worker to discover the source's fields again.
     */
    public Integration update(@NotNull String tenantId, @NotNull String subject, @NotNull UUID id, long expectedVersion,
            @NotNull @Valid UpdateIntegrationRequest request) {
        Integration integration = get(tenantId, id);
        if (integration.version != expectedVersion) {
            throw ProblemException.of(412, "stale", "Precondition failed", "the integration changed since version "
                    + expectedVersion + " (now " + integration.version + "); read it again and reapply the change");
        }
        List<String> changed = new ArrayList<>();
        if (request.name() != null && !request.name().strip().equals(integration.name)) {
            integration.name = request.name().strip();
            changed.add("name");
        }
        ConnectionSettings settings = connections.fromStored(integration.sourceType, integration.connection);
        if (request.connection() != null) {
            settings = connections.read(integration.sourceType, request.connection());
            JsonNode written = connections.write(settings);
            if (!written.equals(integration.connection)) {
                integration.connection = written;
                changed.add("connection");
            }
        }
        if (request.credentials() != null && !request.credentials().isEmpty()) {
            connections.checkSecretNames(settings, request.credentials());
            Map<String, String> secrets = new HashMap<>(readCredentials(integration));
            secrets.putAll(request.credentials());
            storeCredentials(integration, secrets);
            changed.add("credentials");
        }
        OffsetDateTime now = now();
        if (request.schedule() != null) {
            ScheduleSettings before = schedules.describe(integration);
            schedules.apply(integration, request.schedule(), now);
            if (!schedules.describe(integration).equals(before)) {
                changed.add("schedule");
            }
        }
        if (changed.isEmpty()) {
            return integration;
        }
        integration.updatedAt = now;
        integration.flush();

        publish(integration, EventTypes.INTEGRATION_UPDATED, new IntegrationUpdated(integration.id, tenantId,
                integration.name, integration.sourceType.name(), changed, subject, now));
        if (changed.contains("connection") || changed.contains("credentials")) {
            requestDiscovery(integration, now);
        }
        LOG.infof("Integration %s updated by %s: %s", integration.id, subject, changed);
        return integration;
    }

    /** Deletes the integration; only its creator or a parent admin may. */
    public void delete(@NotNull String tenantId, @NotNull String subject, boolean parentAdmin, @NotNull UUID id) {
        Integration integration = get(tenantId, id);
        if (!parentAdmin && !integration.createdBy.equals(subject)) {
            throw ProblemException.forbidden("only the integration's creator or a parent admin may delete it");
        }
        integration.delete();
        publish(integration, EventTypes.INTEGRATION_DELETED, new IntegrationDeleted(integration.id, tenantId,
                integration.sourceType.name(), subject, now()));
        LOG.infof("Integration %s deleted by %s", integration.id, subject);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Integration get(@NotNull String tenantId, @NotNull UUID id) {
        return Integration.findInTenant(tenantId, id).orElseThrow(() -> ProblemException.notFound("integration", id));
    }

    /** One page, newest first, after the given position (keyset paging: as fast on page 1,000 as on page 1). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Integration> list(@NotNull String tenantId, SourceType sourceType, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (sourceType != null) {
            query.append(" and sourceType = :type");
            params.put("type", sourceType);
        }
        if (after != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.put("at", after.createdAt());
            params.put("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        return Integration.<Integration>find(query.toString(), params).page(0, limit).list();
    }

    /** The names of the secrets a source needs that are not set. */
    public List<String> missingSecrets(Integration integration) {
        TreeSet<String> missing = new TreeSet<>(connections.fromStored(integration.sourceType, integration.connection)
                .secretNames());
        missing.removeAll(integration.credentialNames);
        return List.copyOf(missing);
    }

    private void storeCredentials(Integration integration, Map<String, String> secrets) {
        integration.credentialNames = List.copyOf(new TreeSet<>(secrets.keySet()));
        if (secrets.isEmpty()) {
            integration.credentialsKeyId = null;
            integration.credentialsCiphertext = null;
            return;
        }
        try {
            Sealed sealed = cipher.encrypt(mapper.writeValueAsString(new TreeMap<>(secrets)),
                    integration.id.toString());
            integration.credentialsKeyId = sealed.keyId();
            integration.credentialsCiphertext = sealed.bytes();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credentials could not be serialized", e);
        }
    }

    /** The integration's secrets in clear: only for the worker that connects to the source. */
    public Map<String, String> readCredentials(Integration integration) {
        if (integration.credentialsCiphertext == null) {
            return Map.of();
        }
        String json = cipher.decrypt(new Sealed(integration.credentialsKeyId, integration.credentialsCiphertext),
                integration.id.toString());
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored credentials are unreadable", e);
        }
    }

    private void requestDiscovery(Integration integration, OffsetDateTime now) {
        if (integration.sourceType == SourceType.CSV) {
            return; // a CSV source is discovered when its file is uploaded (CsvFileService)
        }
        publishDiscoveryRequested(integration, now);
    }

    /** Asks the worker to read the source's fields, in the caller's transaction (through the outbox). */
    void publishDiscoveryRequested(Integration integration, OffsetDateTime now) {
        DiscoveryRequested request = new DiscoveryRequested(UUID.randomUUID(), integration.id, integration.tenantId,
                integration.sourceType.name(), now);
        outbox.publish(Topics.SYNC_REQUESTS, integration.id.toString(), codec.envelope(SOURCE,
                EventTypes.DISCOVERY_REQUESTED, integration.id.toString(), integration.tenantId, request));
        ConnectionCheck found = ConnectionCheck.findById(integration.id);
        ConnectionCheck check = found != null ? found : new ConnectionCheck();
        check.integrationId = integration.id;
        check.requestId = request.requestId();
        check.status = ConnectionCheck.Status.PENDING;
        check.error = null;
        check.fields = null;
        check.requestedAt = now;
        check.checkedAt = null;
        if (found == null) {
            check.persist();
        }
    }

    private void publish(Integration integration, String type, Object data) {
        outbox.publish(Topics.INTEGRATION_EVENTS, integration.id.toString(),
                codec.envelope(SOURCE, type, integration.id.toString(), integration.tenantId, data));
    }

    private static ProblemException oneStaffbasePerTenant() {
        return ProblemException.conflict("this tenant already has a Staffbase integration; a tenant can connect"
                + " only one Staffbase intranet");
    }

    private static boolean violates(PersistenceException e, String constraint) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
