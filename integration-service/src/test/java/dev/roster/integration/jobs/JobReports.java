package dev.roster.integration.jobs;

import java.util.UUID;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TestProducer;

/** Reports on roster.sync-progress as a worker and the directory send them. */
final class JobReports implements AutoCloseable {

    private final TestProducer producer;
    private final String tenant;

    JobReports(String bootstrap, String tenant) {
        this.producer = new TestProducer(bootstrap);
        this.tenant = tenant;
    }

    /** Sends a report with a fresh event id and returns the id, so a test can send it again. */
    String send(String type, String jobId, String dataJson) {
        String eventId = UUID.randomUUID().toString();
        resend(eventId, type, jobId, dataJson);
        return eventId;
    }

    void resend(String eventId, String type, String jobId, String dataJson) {
        producer.send(Topics.SYNC_PROGRESS, jobId, TestEvents.envelope(eventId, type, jobId, tenant, dataJson));
    }

    String started(String jobId, String integrationId, int mappingVersion) {
        return send(EventTypes.JOB_STARTED, jobId,
                """
                        {"jobId":"%s","integrationId":"%s","workerId":"worker-1","mappingVersion":%d,"startedAt":"2026-11-22T08:00:00Z"}"""
                        .formatted(jobId, integrationId, mappingVersion));
    }

    String progress(String jobId, String integrationId, long fetched, Long total) {
        return send(EventTypes.JOB_PROGRESS, jobId,
                """
                        {"jobId":"%s","integrationId":"%s","counts":{"fetched":%d,"skippedInactive":1},"total":%s,"at":"2026-11-22T08:00:01Z"}"""
                        .formatted(jobId, integrationId, fetched, total));
    }

    String completed(String jobId, String integrationId, String outcome, Long heldRemovals) {
        return send(EventTypes.JOB_COMPLETED, jobId,
                """
                        {"jobId":"%s","integrationId":"%s","outcome":"%s","counts":{"created":7,"updated":2,"unchanged":1,"removed":0},
                         "heldRemovals":%s,"at":"2026-11-22T08:00:02Z"}"""
                        .formatted(jobId, integrationId, outcome, heldRemovals));
    }

    String failed(String jobId, String integrationId, String reason) {
        return send(EventTypes.JOB_FAILED, jobId, """
                {"jobId":"%s","integrationId":"%s","reason":"%s","at":"2026-11-22T08:00:02Z"}"""
                .formatted(jobId, integrationId, reason));
    }

    String errors(String jobId, String integrationId, long batch, int count) {
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < count; i++) {
            errors.append(i == 0 ? "" : ",").append("""
                    {"sourceRecordId":"rec-%d-%d","field":"hireDate","reason":"'31.02.2020' is not a date"}"""
                    .formatted(batch, i));
        }
        return send(EventTypes.RECORD_ERRORS, jobId, """
                {"jobId":"%s","integrationId":"%s","batch":%d,"errors":[%s]}""".formatted(jobId, integrationId, batch,
                errors));
    }

    @Override
    public void close() {
        producer.close();
    }
}
