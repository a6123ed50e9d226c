package dev.roster.commons.events;

import java.util.List;
import java.util.UUID;

/**
 * The data of {@link EventTypes#RECORD_ERRORS}: source records that could not be imported, in batches.
 * {@code batch} numbers the batches of one job so a redelivered batch is recognised.
 */
public record RecordErrors(UUID jobId, UUID integrationId, long batch, List<RecordError> errors) {

    /** Why one source record was not imported; {@code field} is null when no single field is to blame. */
    public record RecordError(String sourceRecordId, String field, String reason) {
    }
}
