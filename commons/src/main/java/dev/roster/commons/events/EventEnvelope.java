package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: every Roster topic carries these.
 *
 * @param id unique per event; consumers record it and ignore a redelivery
 * @param source the service that produced it, e.g. {@code /roster/integration-service}
 * @param type what happened, one of {@link EventTypes}
 * @param subject the aggregate the event is about (also the Kafka key)
 * @param tenantid the tenant the aggregate belongs to (a CloudEvents extension attribute)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String tenantid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public static EventEnvelope create(String source, String type, String subject, String tenantId, JsonNode data) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), "application/json", tenantId, data);
    }
}
