package dev.roster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.simulator.Population;
import dev.roster.simulator.SourceSimulator;
import dev.roster.testinfra.stack.Stack;
import dev.roster.testinfra.stack.Stack.Service;

/**
 * Syncs N simulated people (default 1,000,000; {@code -Dbench.people}) from the simulator's Staffbase API
 * through the packaged sync worker to Kafka, on real PostgreSQL, Kafka and Keycloak, with integration-service
 * handing out the connection. Prints people per second (from the sync request to the worker's SyncEnded) and
 * the worker's peak heap, sampled from its metrics every 100 ms. The worker runs with
 * {@code -Xmx} = {@code -Dbench.worker-heap} (default 256m) to show that its memory does not grow with N.
 */
public final class SyncWorkerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)",
            Pattern.MULTILINE);

    private SyncWorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int people = Integer.getInteger("bench.people", 1_000_000);
        String heap = System.getProperty("bench.worker-heap", "256m");
        int pageSize = Integer.getInteger("bench.page-size", 1000);
        System.out.printf("Sync worker benchmark: %,d people, Staffbase pages of %d, worker heap limit %s%n", people,
                pageSize, heap);
        Population population = new Population(20261122, people);
        Stack.Builder builder = Stack.forTests();
        for (String option : System.getProperty("bench.worker-jvm", "").split(" ")) {
            if (!option.isBlank()) {
                builder.serviceJvmOption(Service.WORKER, option); // e.g. -XX:StartFlightRecording=...
            }
        }
        try (SourceSimulator simulator = SourceSimulator.builder(population).threads(4).start();
                Stack stack = builder.services(Service.INTEGRATION, Service.WORKER).quickBoot(false)
                        .serviceProperty(Service.INTEGRATION, "roster.sources.allow-http", "true")
                        .serviceProperty(Service.INTEGRATION, "roster.sources.allow-private-addresses", "true")
                        .serviceProperty(Service.WORKER, "roster.worker.source.requests-per-second", "0")
                        .serviceJvmOption(Service.WORKER, "-Xmx" + heap)
                        .listener(new Stack.Listener() {

                            @Override
                            public void progress(String message) {
                                System.out.println("  " + message);
                            }
                        })
                        .start()) {
            String token = stack.keycloak().passwordToken("alice", "alice");
            HttpClient http = HttpClient.newHttpClient();
            String integrations = stack.url(Service.INTEGRATION) + "/api/v1/integrations";
            String created = send(http, HttpRequest.newBuilder(URI.create(integrations))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name": "Benchmark intranet", "sourceType": "STAFFBASE",
                             "connection": {"baseUrl": "%s", "pageSize": %d},
                             "credentials": {"apiToken": "%s"}}""".formatted(simulator.baseUrl(), pageSize,
                            SourceSimulator.DEFAULT_STAFFBASE_TOKEN))),
                    201);
            String integrationId = JSON.readTree(created).path("id").asText();

            try (KafkaConsumer<String, String> consumer = consumer(stack.kafkaBootstrapServers())) {
                HeapSampler sampler = new HeapSampler(http, stack.url(Service.WORKER) + "/q/metrics");
                sampler.start();
                long start = System.nanoTime();
                String job = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(integrations + "/"
                        + integrationId + "/syncs")).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()), 202)).path("id").asText();
                long contacts = 0;
                long batches = 0;
                JsonNode ended = null;
                long lastReport = start;
                while (ended == null) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (!record.key().equals(integrationId)) {
                            continue;
                        }
                        JsonNode event = JSON.readTree(record.value());
                        String type = event.path("type").asText();
                        if (type.equals("dev.roster.contact.upsert-batch.v1")) {
                            batches++;
                            contacts += event.path("data").path("upserts").size();
                        } else if (type.equals("dev.roster.contact.sync-ended.v1")
                                && event.path("subject").asText().equals(job)) {
                            ended = event.path("data");
                        }
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("  ... %,d contacts in %,d batches so far, worker heap now %.0f MiB%n",
                                contacts, batches, sampler.last() / 1048576.0);
                    }
                    if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 60) {
                        throw new IllegalStateException("no SyncEnded within an hour");
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.stop();
                long fetched = ended.path("counts").path("fetched").asLong();
                System.out.println();
                System.out.printf("people read:        %,d (%,d active and well-formed sent in %,d batches;"
                        + " %,d inactive, %,d failed validation)%n", fetched, contacts, batches,
                        ended.path("counts").path("skippedInactive").asLong(),
                        ended.path("counts").path("failed").asLong());
                System.out.printf("time:               %.1f s (sync request to SyncEnded)%n", seconds);
                System.out.printf("people per second:  %,.0f%n", fetched / seconds);
                System.out.printf("worker peak heap:   %.0f MiB used (sampled every 100 ms; -Xmx%s)%n",
                        sampler.peak() / 1048576.0, heap);
            }
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = List.of();
        for (int attempt = 0; partitions.isEmpty() && attempt < 100; attempt++) {
            partitions = consumer.partitionsFor("roster.contact-commands").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                sleep(200);
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the worker's used heap (all heap pools) from its Prometheus metrics. */
    private static final class HeapSampler {

        private final HttpClient http;
        private final URI metrics;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong last = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(HttpClient http, String metrics) {
            this.http = http;
            this.metrics = URI.create(metrics);
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        String body = http.send(HttpRequest.newBuilder(metrics).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        double used = 0;
                        Matcher m = HEAP.matcher(body);
                        while (m.find()) {
                            used += Double.parseDouble(m.group(1));
                        }
                        last.set((long) used);
                        peak.accumulateAndGet((long) used, Math::max);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the next sample
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        long peak() {
            return peak.get();
        }

        long last() {
            return last.get();
        }
    }
}
