package dev.roster.commons.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data of {@link EventTypes#CONTACT_UPSERT_BATCH} on {@link Topics#CONTACT_COMMANDS}: contacts one sync job
 * read from its source, mapped and validated, in batches numbered from 1. The directory applies a batch once
 * per (job, sequence): a batch re-sent by a worker that resumed the job changes nothing.
 *
 * @param mappingVersion the mapping the worker applied; null for the built-in default mapping
 * @param uniqueIdField the contact field that identifies a contact within the tenant, e.g. {@code email}
 * @param upserts contacts the source has, active
 * @param removedSourceIds source ids an incremental read reported gone (deleted or deactivated); a full read
 *            reports none here and ends with a sweep instead
 */
public record ContactUpsertBatch(
        UUID jobId,
        UUID integrationId,
        long sequence,
        Integer mappingVersion,
        String uniqueIdField,
        List<ContactUpsert> upserts,
        List<String> removedSourceIds) {

    /**
     * One contact as a source supplies it.
     *
     * @param sourceId the person's id in the source (the link between the contact and this integration)
     * @param uniqueId the value of the unique ID field, normalised (an email in lower case)
     * @param fields target field key to value: text as is, numbers in plain decimal notation, dates as
     *            {@code yyyy-MM-dd}; a field the source left empty is absent
     */
    public record ContactUpsert(String sourceId, String uniqueId, Map<String, String> fields) {
    }
}
