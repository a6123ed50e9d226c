package dev.roster.testinfra;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builds the CloudEvents envelopes that Roster services publish, for tests that play another service. */
public final class TestEvents {

    private TestEvents() {
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
