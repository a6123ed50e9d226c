package dev.roster.worker.run;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roster.commons.events.DurableProducer;
import dev.roster.commons.events.EventCodec;
import dev.roster.commons.events.EventEnvelope;

/**
 * Sends what a running job produces straight to Kafka: upsert batches, progress and record errors. These
 * are not written through the outbox because the job's checkpoint already makes them safe: a checkpoint is
 * stored only after the broker acknowledged everything sent before it, and a resumed job sends again what
 * came after it, under the same batch numbers, which the consumers apply once.
 */
@ApplicationScoped
public class EventSender {

    static final String SOURCE = "/roster/sync-worker";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventCodec codec;

    private KafkaProducer<String, String> producer;

    public EventEnvelope envelope(String type, String subject, String tenantId, Object data) {
        return codec.envelope(SOURCE, type, subject, tenantId, data);
    }

    public Future<RecordMetadata> send(String topic, String key, EventEnvelope event) {
        return producer().send(DurableProducer.record(topic, key, codec.write(event)));
    }

    /** Waits until the broker has acknowledged every one of {@code sends}. */
    public static void await(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(2, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
        sends.clear();
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = DurableProducer.settings(bootstrapServers, "roster-sync-worker");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
            producer = DurableProducer.create(props);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
