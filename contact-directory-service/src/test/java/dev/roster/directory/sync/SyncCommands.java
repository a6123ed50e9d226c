package dev.roster.directory.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import dev.roster.commons.events.ContactUpsertBatch;
import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.DeletionsConfirmed;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.SyncCounts;
import dev.roster.commons.events.SyncEnded;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.commons.events.Topics;
import dev.roster.testinfra.TestProducer;

/** Plays a sync worker on roster.contact-commands: the batches and the end of one job, as JSON envelopes. */
public final class SyncCommands {

    private final EventCodec codec;
    private final TestProducer producer;
    private final String tenant;
    private final UUID integrationId;
    final List<String> sent = new ArrayList<>();

    public SyncCommands(EventCodec codec, TestProducer producer, String tenant, UUID integrationId) {
        this.codec = codec;
        this.producer = producer;
        this.tenant = tenant;
        this.integrationId = integrationId;
    }

    /** A person of the simulated source: source id {@code p<n>}, unique id {@code p<n>@example.com}. */
    public static ContactUpsert person(int n, String jobTitle) {
        return new ContactUpsert("p" + n, "p" + n + "@example.com",
                Map.of("email", "p" + n + "@example.com", "lastName", "Person " + n, "jobTitle", jobTitle));
    }

    /** A full sync of people {@code 0..count-1} in batches, ended with a sweep; returns the job id. */
    public UUID fullSync(int count, int batchSize, IntFunction<ContactUpsert> people) {
        UUID job = UUID.randomUUID();
        long batches = 0;
        for (int from = 0; from < count; from += batchSize) {
            List<ContactUpsert> upserts = new ArrayList<>();
            for (int n = from; n < Math.min(count, from + batchSize); n++) {
                upserts.add(people.apply(n));
            }
            batch(job, ++batches, upserts, List.of());
        }
        end(job, batches, true);
        return job;
    }

    String batch(UUID job, long sequence, List<ContactUpsert> upserts, List<String> removed) {
        return send(EventTypes.CONTACT_UPSERT_BATCH, job,
                new ContactUpsertBatch(job, integrationId, sequence, 1, "email", upserts, removed));
    }

    String end(UUID job, long batches, boolean sweep) {
        return send(EventTypes.SYNC_ENDED, job, new SyncEnded(job, integrationId, sweep
                ? SyncMode.FULL
                : SyncMode.INCREMENTAL, sweep, batches, SyncCounts.none(), OffsetDateTime.now(ZoneOffset.UTC)));
    }

    String confirm(UUID job) {
        return send(EventTypes.DELETIONS_CONFIRMED, job, new DeletionsConfirmed(job, integrationId, tenant, "admin",
                OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Sends a record again as it was, same event id. */
    void resend(String record) {
        producer.send(Topics.CONTACT_COMMANDS, integrationId.toString(), record);
    }

    private String send(String type, UUID job, Object data) {
        String record = codec.write(codec.envelope("/roster/sync-worker", type, job.toString(), tenant, data));
        sent.add(record);
        resend(record);
        return record;
    }
}
