package dev.roster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * Loads N contacts (default 1,000,000; {@code -Dbench.contacts}) into the packaged contact-directory-service as
 * one integration's ContactUpsertBatch events (batches of {@code -Dbench.batch}, default 1,000) on real
 * PostgreSQL, Kafka and Keycloak, and prints: the apply rate of the initial load in contacts per second (first
 * batch sent to the directory's JobCompleted), the time of a second full sync where 1% changed, and p50 and p99
 * of a filtered, sorted page through HTTP (department equals one of 20 values, sorted by last name, 50 per page).
 */
public final class DirectoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "acme";
    private static final String[] DEPARTMENTS = new String[20];

    static {
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            DEPARTMENTS[i] = "Department " + (char) ('A' + i);
        }
    }

    private DirectoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.getInteger("bench.contacts", 1_000_000);
        int batch = Integer.getInteger("bench.batch", 1_000);
        int requests = Integer.getInteger("bench.requests", 300);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 15));
        System.out.printf("Directory benchmark: %,d contacts in batches of %,d, then %d filtered pages%n", contacts,
                batch, requests);
        Stack.Builder builder = Stack.forTests();
        for (String option : System.getProperty("bench.directory-jvm", "").split(" ")) {
            if (!option.isBlank()) {
                builder.serviceJvmOption(Service.DIRECTORY, option); // e.g. -XX:StartFlightRecording=...
            }
        }
        try (Stack stack = builder.services(Service.DIRECTORY).quickBoot(false)
                .listener(new Stack.Listener() {

                    @Override
                    public void progress(String message) {
                        System.out.println("  " + message);
                    }
                }).start();
                KafkaProducer<String, String> producer = producer(stack.kafkaBootstrapServers());
                KafkaConsumer<String, String> progress = consumer(stack.kafkaBootstrapServers())) {
            UUID integration = UUID.randomUUID();

            double seconds = sync(producer, progress, integration, contacts, batch, 0);
            System.out.printf("initial load:        %,d contacts in %.1f s, %,.0f contacts per second%n", contacts,
                    seconds, contacts / seconds);
            seconds = sync(producer, progress, integration, contacts, batch, 1);
            System.out.printf(
                    "1%% changed:          %,d contacts compared, %,d changed, in %.1f s (%,.0f per second)%n",
                    contacts, contacts / 100, seconds, contacts / seconds);

            String token = stack.keycloak().passwordToken("carol", "carol");
            HttpClient http = HttpClient.newHttpClient();
            long[] nanos = new long[requests];
            // warm-up: the JIT, and the background work a sync leaves behind (statistics, vacuum of the outbox)
            long warmUntil = System.nanoTime() + warmUp.toNanos();
            int warmUps = 0;
            while (System.nanoTime() < warmUntil) {
                page(http, stack, token, warmUps++);
            }
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                page(http, stack, token, i);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("filtered page:       p50 %.2f ms, p99 %.2f ms over %d requests (department = X,"
                    + " sorted by lastName, 50 per page; after %d warm-up requests in %d s)%n",
                    nanos[requests / 2] / 1e6, nanos[(int) Math.ceil(requests * 0.99) - 1] / 1e6, requests, warmUps,
                    warmUp.toSeconds());
        }
    }

    private static void page(HttpClient http, Stack stack, String token, int i) throws Exception {
        String url = stack.url(Service.DIRECTORY) + "/api/v1/contacts?filter=department:eq:"
                + DEPARTMENTS[Math.floorMod(i, DEPARTMENTS.length)].replace(" ", "%20") + "&sort=lastName&limit=50";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
    }

    /** Sends one full sync; returns the seconds from its first batch to the directory's JobCompleted. */
    private static double sync(KafkaProducer<String, String> producer, KafkaConsumer<String, String> progress,
            UUID integration, int contacts, int batch, int changedPercent) throws Exception {
        UUID job = UUID.randomUUID();
        long start = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        long sequence = 0;
        for (int from = 0; from < contacts; from += batch) {
            ArrayNode upserts = JSON.createArrayNode();
            for (int n = from; n < Math.min(contacts, from + batch); n++) {
                boolean changed = changedPercent > 0 && n % (100 / changedPercent) == 0;
                upserts.add(person(n, changed));
            }
            ObjectNode data = JSON.createObjectNode().put("jobId", job.toString())
                    .put("integrationId", integration.toString()).put("sequence", ++sequence)
                    .put("mappingVersion", 1).put("uniqueIdField", "email");
            data.set("upserts", upserts);
            data.set("removedSourceIds", JSON.createArrayNode());
            acks.add(send(producer, integration, job, "dev.roster.contact.upsert-batch.v1", data));
        }
        ObjectNode ended = JSON.createObjectNode().put("jobId", job.toString())
                .put("integrationId", integration.toString()).put("mode", "FULL").put("sweep", true)
                .put("batches", sequence).put("at", OffsetDateTime.now(ZoneOffset.UTC).toString());
        ended.set("counts", JSON.createObjectNode());
        acks.add(send(producer, integration, job, "dev.roster.contact.sync-ended.v1", ended));
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        long lastReport = System.nanoTime();
        while (true) {
            for (ConsumerRecord<String, String> record : progress.poll(Duration.ofMillis(200))) {
                if (!job.toString().equals(record.key())) {
                    continue;
                }
                JsonNode event = JSON.readTree(record.value());
                if ("dev.roster.sync.job-completed.v1".equals(event.path("type").asText())) {
                    System.out.println("  JobCompleted: " + event.path("data"));
                    return (System.nanoTime() - start) / 1e9;
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.println("  ... " + event.path("data").path("counts"));
                }
            }
            if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 60) {
                throw new IllegalStateException("no JobCompleted within an hour");
            }
        }
    }

    private static ObjectNode person(int n, boolean changed) {
        String email = "person" + n + "@acme.example";
        ObjectNode fields = JSON.createObjectNode().put("email", email).put("firstName", "First" + (n % 5_000))
                .put("lastName", "Last" + Integer.toString(n * 7_919 % 1_000_003, 36))
                .put("displayName", "Person " + n).put("jobTitle", changed ? "Changed title" : "Title " + (n % 300))
                .put("department", DEPARTMENTS[n % DEPARTMENTS.length]).put("city", "City " + (n % 500))
                .put("country", "C" + (n % 40)).put("employeeId", "E" + n)
                .put("hireDate", "20" + (10 + n % 15) + "-0" + (1 + n % 9) + "-1" + (n % 9));
        ObjectNode upsert = JSON.createObjectNode().put("sourceId", "src-" + n).put("uniqueId", email);
        upsert.set("fields", fields);
        return upsert;
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, String> producer, UUID integration, UUID job,
            String type, ObjectNode data) {
        ObjectNode envelope = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/roster/benchmark").put("type", type).put("subject", job.toString())
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString()).put("datacontenttype", "application/json")
                .put("tenantid", TENANT);
        envelope.set("data", data);
        return producer.send(new ProducerRecord<>("roster.contact-commands", integration.toString(),
                envelope.toString()));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        while (partitions.isEmpty()) {
            consumer.partitionsFor("roster.sync-progress")
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
