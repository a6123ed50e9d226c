package dev.roster.integration.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.OpenApiContract;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

/**
 * Keeps docs/asyncapi.yaml honest: the events integration-service really publishes look like the documented
 * example, and every topic and every event type Roster uses is documented.
 */
@QuarkusTest
class AsyncApiContractTest {

    private static final String EDITOR = TestTokens.token("alice", "acme", Permissions.INTEGRATIONS_EDIT,
            Permissions.MAPPINGS_EDIT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode asyncApi;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void readTheDocument() throws IOException {
        Path file = OpenApiContract.repositoryRoot().resolve("docs").resolve("asyncapi.yaml");
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    @Test
    void aPublishedIntegrationCreatedHasTheMembersOfTheDocumentedExample() throws IOException {
        JsonNode example = asyncApi.at("/components/messages/IntegrationCreated/examples/0");
        JsonNode documented = example.path("payload");
        assertTrue(documented.isObject(), "docs/asyncapi.yaml has no IntegrationCreated example");
        try (TopicProbe events = TopicProbe.open(bootstrap, Topics.INTEGRATION_EVENTS)) {
            String id = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"Uploaded file\", \"sourceType\": \"CSV\"}")
                    .post("/api/v1/integrations")
                    .then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> record = events.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            JsonNode published = JSON.readTree(record.value());

            assertEquals(memberNames(documented), memberNames(published), "envelope members");
            assertEquals(memberNames(documented.path("data")), memberNames(published.path("data")), "data members");
            for (String constant : new String[]{"specversion", "source", "type", "datacontenttype"}) {
                assertEquals(documented.path(constant), published.path(constant), constant);
            }
            assertEquals(example.path("headers").path("content-type").asText(), header(record, "content-type"));
            assertEquals(id, published.path("subject").asText(), "the subject is the key");
        }
    }

    @Test
    void theExampleIsOnTheTopicItIsPublishedTo() {
        assertEquals(Topics.INTEGRATION_EVENTS,
                asyncApi.at("/channels/integrationEvents/address").asText());
        assertEquals("#/components/messages/IntegrationCreated",
                asyncApi.at("/channels/integrationEvents/messages/IntegrationCreated/$ref").asText());
    }

    @Test
    void everyTopicIsDocumented() {
        Set<String> addresses = new TreeSet<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        Set<String> topics = constants(Topics.class);
        topics.removeAll(addresses);
        assertEquals(Set.of(), topics, "topics in Topics without a channel in docs/asyncapi.yaml");
    }

    @Test
    void everyEventTypeIsADocumentedMessage() {
        Set<String> documented = new TreeSet<>();
        asyncApi.path("components").path("messages").fields().forEachRemaining(message -> {
            String type = typeConstant(message.getValue().path("payload"));
            JsonNode examples = message.getValue().path("examples");
            if (type == null) {
                return; // not a Roster event: the dead letter
            }
            assertFalse(examples.isEmpty(), message.getKey() + " has no example");
            examples.forEach(example -> assertEquals(type, example.at("/payload/type").asText(),
                    "the type of the example " + example.path("name").asText() + " of " + message.getKey()));
            documented.add(type);
        });
        Set<String> types = constants(EventTypes.class);
        types.removeAll(documented);
        assertEquals(Set.of(), types, "event types in EventTypes without a message in docs/asyncapi.yaml");
    }

    /** The {@code type} const of a payload schema, following local $refs and allOf; null if it has none. */
    private static String typeConstant(JsonNode schema) {
        if (schema.has("$ref")) {
            return typeConstant(asyncApi.at(schema.path("$ref").asText().substring(1)));
        }
        JsonNode constant = schema.at("/properties/type/const");
        if (constant.isTextual()) {
            return constant.asText();
        }
        for (JsonNode part : schema.path("allOf")) {
            String type = typeConstant(part);
            if (type != null) {
                return type;
            }
        }
        return null;
    }

    private static Set<String> constants(Class<?> holder) {
        return Stream.of(holder.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(AsyncApiContractTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> memberNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String value(Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
