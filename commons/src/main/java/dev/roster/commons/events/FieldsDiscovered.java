package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@link EventTypes#FIELDS_DISCOVERED} on {@link Topics#SYNC_PROGRESS}: the fields a source's
 * records carry, read from its first records, for mapping-service to offer and suggest a mapping from.
 *
 * @param requestId the {@link DiscoveryRequested} this answers
 * @param recordsRead how many source records the fields were derived from
 * @param fields in the order they were first met
 */
public record FieldsDiscovered(
        UUID requestId,
        UUID integrationId,
        String sourceType,
        long recordsRead,
        List<DiscoveredField> fields,
        OffsetDateTime discoveredAt) {

    /**
     * One field of the source.
     *
     * @param name the path of the field in a source record: members of nested objects joined by a dot
     *            ({@code name.givenName}); an array stands for its primary (or first) element
     * @param type what the sample values look like
     * @param samples up to three distinct non-empty values
     */
    public record DiscoveredField(String name, FieldType type, List<String> samples) {
    }

    public enum FieldType {
        TEXT, NUMBER, DATE, BOOLEAN
    }
}
