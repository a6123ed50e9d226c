package dev.roster.directory.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.ContactSchemaChanged;
import dev.roster.commons.events.ContactSchemaChanged.SchemaField;
import dev.roster.directory.contact.ContactFields;
import dev.roster.directory.contact.ContactFields.Type;

/**
 * The custom fields of each tenant's contact schema, kept from mapping-service's {@link ContactSchemaChanged}
 * events: a newer version replaces what is stored, an older or equal one (a redelivery, a late event) changes
 * nothing.
 */
@ApplicationScoped
public class TenantSchemas {

    private static final Logger LOG = Logger.getLogger(TenantSchemas.class);
    /** What mapping-service allows as a key; anything else is never put into a query. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final TypeReference<List<SchemaField>> FIELDS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Transactional(TxType.MANDATORY)
    public void apply(ContactSchemaChanged schema) {
        List<SchemaField> custom = schema.customFields() == null ? List.of() : schema.customFields();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO tenant_schema"
                        + " (tenant_id, version, custom_fields, changed_at) VALUES (?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET version = excluded.version,"
                        + " custom_fields = excluded.custom_fields, changed_at = excluded.changed_at"
                        + " WHERE tenant_schema.version < excluded.version")) {
            s.setString(1, schema.tenantId());
            s.setLong(2, schema.version());
            s.setString(3, json.writeValueAsString(custom));
            s.setObject(4, schema.changedAt());
            if (s.executeUpdate() == 0) {
                LOG.debugf("Schema version %d of tenant %s is not newer than the stored one", schema.version(),
                        schema.tenantId());
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's custom fields and their types, in the order mapping-service lists them; empty when none. */
    public Map<String, Type> customFields(String tenant) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT custom_fields::text FROM tenant_schema WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            Map<String, Type> fields = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    for (SchemaField field : json.readValue(r.getString(1), FIELDS)) {
                        Type type = type(field.type());
                        if (type != null && field.key() != null && KEY.matcher(field.key()).matches()
                                && ContactFields.type(field.key()) == null) {
                            fields.put(field.key(), type);
                        }
                    }
                }
            }
            return fields;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Type type(String type) {
        try {
            return type == null ? null : Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignoring a custom field of unknown type %s", type);
            return null;
        }
    }
}
