package dev.roster.worker.run;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.EventTypes;
import dev.roster.testinfra.TestEvents;
import dev.roster.testinfra.TopicProbe;

/** What the worker's tests send and read: requests in, events out, parsed. */
final class Jobs {

    static final ObjectMapper JSON = new ObjectMapper();

    private Jobs() {
    }

    static String syncRequested(String eventId, UUID jobId, UUID integrationId, String tenant, String sourceType,
            String mode, int attempt) {
        String data = """
                {"jobId":"%s","integrationId":"%s","tenantId":"%s","sourceType":"%s","mode":"%s","trigger":"MANUAL",
                 "attempt":%d,"requestedAt":"%s"}""".formatted(jobId, integrationId, tenant, sourceType, mode, attempt,
                OffsetDateTime.now(ZoneOffset.UTC));
        return TestEvents.envelope(eventId, EventTypes.SYNC_REQUESTED, jobId.toString(), tenant, data);
    }

    static String discoveryRequested(String eventId, UUID requestId, UUID integrationId, String tenant,
            String sourceType) {
        String data = """
                {"requestId":"%s","integrationId":"%s","tenantId":"%s","sourceType":"%s","requestedAt":"%s"}"""
                .formatted(requestId, integrationId, tenant, sourceType, OffsetDateTime.now(ZoneOffset.UTC));
        return TestEvents.envelope(eventId, EventTypes.DISCOVERY_REQUESTED, integrationId.toString(), tenant, data);
    }

    static JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of one job (by subject) of the given type, parsed, in topic order. */
    static List<JsonNode> ofJob(TopicProbe probe, UUID jobId, String type) {
        return probe.poll(r -> true).stream().map(Jobs::parse)
                .filter(e -> e.path("subject").asText().equals(jobId.toString())
                        && e.path("type").asText().equals(type))
                .toList();
    }

    /** Waits for the job's SyncEnded on roster.contact-commands and returns its data. */
    static JsonNode awaitEnd(TopicProbe commands, UUID jobId, Duration timeout) {
        commands.await(r -> r.value().contains(EventTypes.SYNC_ENDED) && r.value().contains(jobId.toString()), 1,
                timeout);
        return ofJob(commands, jobId, EventTypes.SYNC_ENDED).get(0).path("data");
    }
}
