package dev.roster.mapping.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.FieldsDiscovered;
import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.IntegrationCreated;
import dev.roster.commons.events.MappingPublished;
import dev.roster.commons.events.MappingPublished.MappedField;
import dev.roster.commons.events.MappingPublished.TargetType;
import dev.roster.commons.events.RecordErrors.RecordError;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.mapping.domain.ContactSchema;
import dev.roster.mapping.domain.IntegrationMapping;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;
import dev.roster.mapping.domain.SourceStatuses;
import dev.roster.mapping.rest.MappingRequest;
import dev.roster.mapping.rest.PreviewResponse;
import dev.roster.mappingrules.Mapping;
import dev.roster.mappingrules.PublishedMappings;
import dev.roster.mappingrules.RecordMapper;

@ApplicationScoped
@Transactional
public class MappingService {

    private static final Logger LOG = Logger.getLogger(MappingService.class);

    /** The unique contact ID is the email unless an admin chooses another field. */
    static final String DEFAULT_UNIQUE_ID = "email";
    static final int MAX_FIELDS = 500;
    static final int MAX_STATUSES = 20;

    @Inject
    SchemaService schema;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    @Inject
    TransactionManager transactions;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper objectMapper;

    /** Gives a new integration its empty mapping (version 0); an integration that has one keeps it. */
    public void createEmpty(@NotNull IntegrationCreated integration) {
        if (!create(integration.integrationId(), integration.tenantId(), integration.sourceType())) {
            LOG.infof("Integration %s already has a mapping", integration.integrationId());
        }
    }

    /**
     * Keeps what the worker discovered. On the first discovery (the mapping is still the empty version 0),
     * the suggested mapping becomes version 1 and is published, so the next sync uses it at once; if no
     * field could be suggested for the unique ID, the suggestion is only offered (version 0 stays, and the
     * worker keeps its built-in default) until an admin saves.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void discovered(@NotNull String tenantId, @NotNull FieldsDiscovered discovery) {
        // the discovery may overtake IntegrationCreated (another topic): whichever comes first creates it
        create(discovery.integrationId(), tenantId, discovery.sourceType());
        IntegrationMapping mapping = em.find(IntegrationMapping.class, discovery.integrationId(),
                LockModeType.PESSIMISTIC_WRITE);
        mapping.discoveredFields = List.copyOf(discovery.fields());
        mapping.discoveredAt = discovery.discoveredAt();
        mapping.updatedAt = now();
        if (mapping.version > 0) {
            return;
        }
        mapping.fields = Suggestions.suggest(mapping.sourceType, discovery.fields());
        String uniqueId = mapping.uniqueIdField;
        if (mapping.fields.stream().anyMatch(f -> uniqueId.equals(f.target()))) {
            publish(mapping, false);
        } else {
            LOG.infof("Integration %s: no field to suggest for %s; the suggestion waits for an admin",
                    mapping.integrationId, mapping.uniqueIdField);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IntegrationMapping get(@NotNull String tenantId, @NotNull UUID integrationId) {
        return IntegrationMapping.findInTenant(tenantId, integrationId)
                .orElseThrow(() -> ProblemException.notFound("the mapping of integration", integrationId));
    }

    /** Saves and publishes the next version, if {@code expectedVersion} is still the current one. */
    public IntegrationMapping save(@NotNull String tenantId, @NotNull UUID integrationId, int expectedVersion,
            @NotNull MappingRequest request) {
        IntegrationMapping mapping = get(tenantId, integrationId);
        // two admins saving on the same version: the second waits here, then finds the version moved on
        em.lock(mapping, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(mapping);
        if (mapping.version != expectedVersion) {
            throw ProblemException.of(412, "stale", "Precondition failed", "the mapping changed since version "
                    + expectedVersion + "; it is at version " + mapping.version);
        }
        schema.createAll(tenantId, request.newCustomFields(), "newCustomFields");
        Mapping rules = check(tenantId, mapping, request);
        if (!Boolean.TRUE.equals(request.force())) {
            refuseUnparseableSamples(mapping, request, rules);
        }
        boolean uniqueIdChanged = !mapping.uniqueIdField.equals(request.uniqueIdField());
        mapping.uniqueIdField = request.uniqueIdField();
        mapping.fields = List.copyOf(request.fields());
        mapping.exclusions = request.exclusions() == null ? List.of() : List.copyOf(request.exclusions());
        if (request.acceptedStatuses() != null) {
            mapping.acceptedStatuses = List.copyOf(request.acceptedStatuses());
        }
        publish(mapping, uniqueIdChanged);
        return mapping;
    }

    /** What the draft makes of the discovered samples; nothing is saved (the transaction is rolled back). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PreviewResponse preview(@NotNull String tenantId, @NotNull UUID integrationId,
            @NotNull MappingRequest request) {
        IntegrationMapping mapping = get(tenantId, integrationId);
        schema.createAll(tenantId, request.newCustomFields(), "newCustomFields");
        Mapping rules = check(tenantId, mapping, request);
        List<PreviewResponse.Contact> contacts = new ArrayList<>();
        List<Integer> excluded = new ArrayList<>();
        List<PreviewResponse.Error> errors = new ArrayList<>();
        List<ObjectNode> samples = samples(mapping);
        for (int i = 0; i < samples.size(); i++) {
            if (rules.exclusion().excludes(samples.get(i))) {
                excluded.add(i + 1);
                continue;
            }
            RecordMapper.Result result = RecordMapper.map(Integer.toString(i + 1), samples.get(i), rules);
            if (result.ok()) {
                contacts.add(new PreviewResponse.Contact(i + 1, result.contact().uniqueId(),
                        result.contact().fields()));
            }
            for (RecordError error : result.errors()) {
                errors.add(new PreviewResponse.Error(i + 1, error.field(), error.reason()));
            }
        }
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        return new PreviewResponse(contacts, excluded, errors);
    }

    /** Validates a draft against the tenant's schema and the rules; the mapping to apply, or 400 naming the field. */
    private Mapping check(String tenantId, IntegrationMapping mapping, MappingRequest request) {
        if (request.fields() == null) {
            throw ProblemException.invalidField("fields", "is required (an empty list skips every field)");
        }
        if (request.fields().size() > MAX_FIELDS) {
            throw ProblemException.invalidField("fields", "at most " + MAX_FIELDS + " fields");
        }
        if (request.uniqueIdField() == null || request.uniqueIdField().isBlank()) {
            throw ProblemException.invalidField("uniqueIdField", "is required");
        }
        Map<String, Integer> targets = new HashMap<>();
        Map<String, Integer> sources = new HashMap<>();
        List<MappedField> mapped = new ArrayList<>();
        for (int i = 0; i < request.fields().size(); i++) {
            FieldMapping field = request.fields().get(i);
            String pointer = "fields[" + i + "]";
            if (field == null || field.source() == null || field.source().isBlank()) {
                throw ProblemException.invalidField(pointer + ".source", "is required");
            }
            if (sources.put(field.source(), i) != null) {
                throw ProblemException.invalidField(pointer + ".source", "'" + field.source() + "' is listed twice");
            }
            if (field.target() == null) {
                continue;
            }
            ContactSchema.Field target = schema.field(tenantId, field.target()).orElseThrow(() -> ProblemException
                    .invalidField(pointer + ".target", "'" + field.target() + "' is no field of the contact schema"));
            Integer other = targets.put(field.target(), i);
            if (other != null) {
                throw ProblemException.invalidField(pointer + ".target", "'" + field.target()
                        + "' is already the target of fields[" + other + "] ('"
                        + request.fields().get(other).source() + "')");
            }
            mapped.add(new MappedField(target.key(), target.check(), List.of(field.source()),
                    field.transformations()));
        }
        if (schema.field(tenantId, request.uniqueIdField()).isEmpty()) {
            throw ProblemException.invalidField("uniqueIdField", "'" + request.uniqueIdField()
                    + "' is no field of the contact schema");
        }
        if (!targets.containsKey(request.uniqueIdField())) {
            throw ProblemException.invalidField("uniqueIdField", "the unique contact ID field '"
                    + request.uniqueIdField() + "' cannot be skipped: map an imported field onto it");
        }
        if (request.acceptedStatuses() != null) {
            List<String> statuses = request.acceptedStatuses();
            if (statuses.isEmpty() || statuses.size() > MAX_STATUSES
                    || statuses.stream().anyMatch(s -> s == null || s.isBlank())) {
                throw ProblemException.invalidField("acceptedStatuses", "1 to " + MAX_STATUSES + " non-empty statuses");
            }
            java.util.Optional<List<String>> known = SourceStatuses.known(mapping.sourceType);
            for (int i = 0; i < statuses.size() && known.isPresent(); i++) {
                if (!known.get().contains(statuses.get(i))) {
                    throw ProblemException.invalidField("acceptedStatuses[" + i + "]", "'" + statuses.get(i)
                            + "' is no status of a " + mapping.sourceType + " source; one of " + known.get());
                }
            }
        }
        MappingPublished draft = new MappingPublished(mapping.integrationId, mapping.sourceType, mapping.version + 1,
                request.uniqueIdField(), false, mapped, request.exclusions() == null ? List.of() : request.exclusions(),
                List.of(), null);
        try {
            return PublishedMappings.toMapping(draft);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), mapped, sources);
        }
    }

    /** Turns the rules' "/fields/2/transformations/0/pattern: why" into a problem naming the request's field. */
    private static ProblemException invalid(String message, List<MappedField> mapped, Map<String, Integer> sources) {
        int colon = message.indexOf(": ");
        String pointer = colon < 0 ? "" : message.substring(0, colon);
        String why = colon < 0 ? message : message.substring(colon + 2);
        String[] parts = pointer.split("/");
        if (parts.length > 2 && parts[1].equals("fields")) {
            // the rules count mapped fields only; the request counts every imported field
            parts[2] = Integer.toString(sources.get(mapped.get(Integer.parseInt(parts[2])).sources().get(0)));
        }
        StringBuilder field = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                field.append('[').append(part).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(part);
            }
        }
        return ProblemException.invalidField(field.isEmpty() ? "fields" : field.toString(), why);
    }

    /** A Number or Date field whose discovered samples do not parse is refused, naming the failing sample. */
    private void refuseUnparseableSamples(IntegrationMapping mapping, MappingRequest request, Mapping rules) {
        List<ObjectNode> samples = samples(mapping);
        for (dev.roster.mappingrules.FieldMapping field : rules.fields()) {
            if (field.type() != dev.roster.mappingrules.FieldType.NUMBER
                    && field.type() != dev.roster.mappingrules.FieldType.DATE) {
                continue;
            }
            for (ObjectNode sample : samples) {
                RecordMapper.Result result = RecordMapper.map("sample", sample, rules);
                for (RecordError error : result.errors()) {
                    if (error.field().equals(field.target())) {
                        int index = indexOf(request, field.sources().get(0));
                        throw ProblemException.invalidField("fields[" + index + "]", "a sample does not fit "
                                + field.type() + " field '" + field.target() + "': " + error.reason()
                                + "; send force: true to save anyway");
                    }
                }
            }
        }
    }

    private static int indexOf(MappingRequest request, String source) {
        for (int i = 0; i < request.fields().size(); i++) {
            if (request.fields().get(i).source().equals(source)) {
                return i;
            }
        }
        return -1;
    }

    /** Sample n is the n-th sample of every discovered field, read as one source record. */
    static List<ObjectNode> samples(IntegrationMapping mapping) {
        List<DiscoveredField> fields = mapping.discoveredFields == null ? List.of() : mapping.discoveredFields;
        int count = fields.stream().mapToInt(f -> f.samples().size()).max().orElse(0);
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (DiscoveredField field : fields) {
                if (i < field.samples().size()) {
                    record.put(field.name(), field.samples().get(i));
                }
            }
            records.add(record);
        }
        return records;
    }

    private void publish(IntegrationMapping mapping, boolean uniqueIdChanged) {
        mapping.version++;
        mapping.updatedAt = now();
        List<MappedField> fields = new ArrayList<>();
        for (FieldMapping field : mapping.fields) {
            if (field.target() != null) {
                TargetType type = schema.field(mapping.tenantId, field.target()).map(ContactSchema.Field::check)
                        .orElse(TargetType.TEXT);
                fields.add(new MappedField(field.target(), type, List.of(field.source()), field.transformations()));
            }
        }
        MappingPublished published = new MappingPublished(mapping.integrationId, mapping.sourceType, mapping.version,
                mapping.uniqueIdField, uniqueIdChanged, fields, mapping.exclusions, mapping.acceptedStatuses,
                mapping.updatedAt);
        outbox.publish(Topics.MAPPING_EVENTS, mapping.integrationId.toString(), codec.envelope(SchemaService.SOURCE,
                EventTypes.MAPPING_PUBLISHED, mapping.integrationId.toString(), mapping.tenantId, published));
    }

    /** Creates the empty mapping (version 0) unless the integration has one; whether it did. */
    private boolean create(UUID integrationId, String tenantId, String sourceType) {
        OffsetDateTime now = now();
        return em.createNativeQuery("""
                INSERT INTO integration_mapping (integration_id, tenant_id, source_type, version, unique_id_field,
                       fields, exclusions, accepted_statuses, created_at, updated_at)
                VALUES (?1, ?2, ?3, 0, ?4, '[]', '[]', CAST(?5 AS JSONB), ?6, ?6)
                ON CONFLICT (integration_id) DO NOTHING""")
                .setParameter(1, integrationId).setParameter(2, tenantId).setParameter(3, sourceType)
                .setParameter(4, DEFAULT_UNIQUE_ID).setParameter(5, json(SourceStatuses.activeByDefault(sourceType)))
                .setParameter(6, now).executeUpdate() == 1;
    }

    private String json(List<String> values) {
        try {
            return objectMapper.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
