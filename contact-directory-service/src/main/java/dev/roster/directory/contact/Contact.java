package dev.roster.directory.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact as the API shows it, with the integrations that supply it. */
public record Contact(UUID id, String uniqueId, Map<String, String> fields, List<Source> sources,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** One integration's link to the contact: the person's id in that source. */
    public record Source(UUID integrationId, String sourceId) {
    }
}
