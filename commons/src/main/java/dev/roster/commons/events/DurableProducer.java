package dev.roster.commons.events;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How every Roster service writes events to Kafka itself: an idempotent producer that waits for every
 * in-sync replica, and structured-mode CloudEvents records that carry their content type in a header.
 */
public final class DurableProducer {

    private static final byte[] CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private DurableProducer() {
    }

    /** The settings every producer shares; callers add their timeouts and batching. */
    public static Properties settings(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    public static KafkaProducer<String, String> create(Properties settings) {
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** A record of one serialized event envelope, with its CloudEvents content-type header. */
    public static ProducerRecord<String, String> record(String topic, String key, String envelopeJson) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, envelopeJson);
        record.headers().add("content-type", CONTENT_TYPE);
        return record;
    }
}
