package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The data of {@link EventTypes#CONTACT_SCHEMA_CHANGED} on {@link Topics#MAPPING_EVENTS} (key: the tenant id):
 * the whole contact schema of a tenant after a change, so a consumer keeps the newest {@code version} and
 * needs nothing else. System fields are fixed and listed for completeness.
 *
 * @param version grows by one with every change of the tenant's schema
 */
public record ContactSchemaChanged(String tenantId, long version, List<SchemaField> systemFields,
        List<SchemaField> customFields, OffsetDateTime changedAt) {

    /**
     * One contact field.
     *
     * @param key how the field is named in contacts and filters (custom keys never equal a system key)
     * @param label what admins see
     * @param type TEXT, NUMBER or DATE (an email is TEXT)
     */
    public record SchemaField(String key, String label, String type) {
    }
}
