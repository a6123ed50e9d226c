package dev.roster.testinfra;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builds the CloudEvents envelopes that Roster services publish, for tests that play another service. */
public final class TestEvents {

    private TestEvents() {
    }

    /** Any Roster event: the envelope around the given JSON data. */
    public static String envelope(String eventId, String type, String subject, String tenant, String dataJson) {
        return """
                {"specversion":"1.0","id":"%s","source":"/roster/test","type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","tenantid":"%s","data":%s}
                """.formatted(eventId, type, subject, OffsetDateTime.now(ZoneOffset.UTC), tenant, dataJson);
    }

    /** An IntegrationCreated event with the given event id, as integration-service writes it. */
    public static String integrationCreated(String eventId, UUID integrationId, String tenant, String sourceType) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return """
                {"specversion":"1.0","id":"%s","source":"/roster/integration-service",
                 "type":"dev.roster.integration.created.v1","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","tenantid":"%s",
                 "data":{"integrationId":"%s","tenantId":"%s","name":"Test source","sourceType":"%s",
                         "createdBy":"alice","createdAt":"%s"}}
                """.formatted(eventId, integrationId, now, tenant, integrationId, tenant, sourceType, now);
    }
}
