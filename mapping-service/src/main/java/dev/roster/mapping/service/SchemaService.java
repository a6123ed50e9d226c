package dev.roster.mapping.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import dev.roster.commons.events.ContactSchemaChanged;
import dev.roster.commons.events.ContactSchemaChanged.SchemaField;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.outbox.Outbox;
import dev.roster.commons.problem.ProblemException;
import dev.roster.mapping.domain.ContactSchema;
import dev.roster.mapping.domain.ContactSchema.Field;
import dev.roster.mapping.domain.ContactSchema.FieldType;
import dev.roster.mapping.domain.CustomField;
import dev.roster.mapping.domain.IntegrationMapping;

/**
 * Each tenant's contact schema: the fixed system fields and its custom fields. Every change publishes the
 * whole schema as ContactSchemaChanged with the tenant's next schema version, in the same transaction.
 */
@ApplicationScoped
@Transactional
public class SchemaService {

    static final String SOURCE = "/roster/mapping-service";
    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
    static final int MAX_LABEL = 100;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    EventCodec codec;

    /** A field of the tenant's schema by key, system or custom. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Field> field(String tenantId, String key) {
        return ContactSchema.system(key).or(() -> CustomField.findInTenant(tenantId, key).map(ContactSchema::of));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CustomField> customFields(@NotNull String tenantId) {
        return CustomField.ofTenant(tenantId);
    }

    /** Adds a custom field; {@code at} is where it sits in the request, for problems ("" or "newCustomFields[0]"). */
    public CustomField create(@NotNull String tenantId, String key, String label, String type, String at) {
        lock(tenantId);
        CustomField field = add(tenantId, key, label, type, at);
        published(tenantId);
        return field;
    }

    /** Adds several custom fields as one schema change (used by a mapping save); none publishes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createAll(String tenantId, List<NewField> fields, String pointer) {
        if (fields == null || fields.isEmpty()) {
            return;
        }
        lock(tenantId);
        for (int i = 0; i < fields.size(); i++) {
            NewField f = fields.get(i);
            add(tenantId, f.key(), f.label(), f.type(), pointer + "[" + i + "]");
        }
        published(tenantId);
    }

    public record NewField(String key, String label, String type) {
    }

    public CustomField rename(@NotNull String tenantId, @NotNull String key, Integer expectedVersion, String label) {
        lock(tenantId);
        CustomField field = CustomField.findInTenant(tenantId, key)
                .orElseThrow(() -> ProblemException.notFound("the custom field", key));
        if (expectedVersion != null && expectedVersion != field.version) {
            throw ProblemException.of(412, "stale", "Precondition failed", "the custom field changed since version "
                    + expectedVersion + "; it is at version " + field.version);
        }
        field.label = label(label, "label");
        field.version++;
        field.updatedAt = now();
        published(tenantId);
        return field;
    }

    /** Deletes a custom field no mapping uses; 409 naming the integrations whose mappings use it. */
    public void delete(@NotNull String tenantId, @NotNull String key) {
        lock(tenantId);
        CustomField field = CustomField.findInTenant(tenantId, key)
                .orElseThrow(() -> ProblemException.notFound("the custom field", key));
        List<UUID> users = new ArrayList<>();
        for (IntegrationMapping mapping : IntegrationMapping.<IntegrationMapping>list("tenantId", tenantId)) {
            if (key.equals(mapping.uniqueIdField) || mapping.fields.stream().anyMatch(f -> key.equals(f.target()))) {
                users.add(mapping.integrationId);
            }
        }
        if (!users.isEmpty()) {
            throw ProblemException.conflict("the custom field " + key + " is used by the mappings of integrations "
                    + users + "; map those fields elsewhere first");
        }
        field.delete();
        published(tenantId);
    }

    /**
     * Publishes the schema of a tenant seen for the first time (system fields only, version 1), so the other
     * services know it before anyone adds a custom field; nothing when the tenant has a schema already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void firstSeen(String tenantId) {
        int inserted = em.createNativeQuery("INSERT INTO tenant_schema (tenant_id, version) VALUES (?1, 0)"
                + " ON CONFLICT (tenant_id) DO NOTHING").setParameter(1, tenantId).executeUpdate();
        if (inserted == 1) {
            published(tenantId);
        }
    }

    /**
     * Serializes the schema changes of one tenant: two requests adding the same key one after the other see
     * each other (the second gets 409, not a unique-constraint failure), and versions never collide.
     */
    private void lock(String tenantId) {
        em.createNativeQuery("INSERT INTO tenant_schema (tenant_id, version) VALUES (?1, 0)"
                + " ON CONFLICT (tenant_id) DO NOTHING").setParameter(1, tenantId).executeUpdate();
        em.createNativeQuery("SELECT version FROM tenant_schema WHERE tenant_id = ?1 FOR UPDATE")
                .setParameter(1, tenantId).getSingleResult();
    }

    /** Custom field labels that read like a system field's: the admin should map only the more accurate one. */
    public static Optional<String> clash(CustomField field) {
        return ContactSchema.systemFieldLabelled(field.label).map(Field::key);
    }

    private CustomField add(String tenantId, String key, String label, String type, String at) {
        String pointer = at.isEmpty() ? "" : at + ".";
        if (key == null || !KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(pointer + "key", "a letter, then letters, digits or _ (at most 64)");
        }
        if (ContactSchema.system(key).isPresent()) {
            throw ProblemException.invalidField(pointer + "key", "'" + key + "' is a system field");
        }
        if (CustomField.findInTenant(tenantId, key).isPresent()) {
            throw ProblemException.of(409, "conflict", "Conflict", "the custom field " + key + " exists already");
        }
        FieldType fieldType;
        try {
            fieldType = FieldType.valueOf(type == null ? "" : type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(pointer + "type", "one of TEXT, NUMBER, DATE");
        }
        OffsetDateTime now = now();
        CustomField field = new CustomField();
        field.id = UUID.randomUUID();
        field.tenantId = tenantId;
        field.key = key;
        field.label = label(label, pointer + "label");
        field.type = fieldType;
        field.version = 1;
        field.createdAt = now;
        field.updatedAt = now;
        field.persist();
        return field;
    }

    private static String label(String label, String pointer) {
        if (label == null || label.isBlank() || label.strip().length() > MAX_LABEL) {
            throw ProblemException.invalidField(pointer, "1 to " + MAX_LABEL + " characters");
        }
        return label.strip();
    }

    private void published(String tenantId) {
        em.flush();
        long version = ((Number) em.createNativeQuery("""
                INSERT INTO tenant_schema (tenant_id, version) VALUES (?1, 1)
                ON CONFLICT (tenant_id) DO UPDATE SET version = tenant_schema.version + 1
                RETURNING version""").setParameter(1, tenantId).getSingleResult()).longValue();
        List<SchemaField> system = ContactSchema.SYSTEM_FIELDS.stream()
                .map(f -> new SchemaField(f.key(), f.label(), f.type().name())).toList();
        List<SchemaField> custom = CustomField.ofTenant(tenantId).stream()
                .map(f -> new SchemaField(f.key, f.label, f.type.name())).toList();
        ContactSchemaChanged changed = new ContactSchemaChanged(tenantId, version, system, custom, now());
        outbox.publish(Topics.MAPPING_EVENTS, tenantId,
                codec.envelope(SOURCE, EventTypes.CONTACT_SCHEMA_CHANGED, tenantId, tenantId, changed));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
