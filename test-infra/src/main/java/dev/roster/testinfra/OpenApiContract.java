package dev.roster.testinfra;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * Holds the OpenAPI document a service serves against the copy checked in under {@code docs/openapi/}, so that
 * every contract change shows up in review. Call it from a {@code @QuarkusTest}: it reads the document from the
 * running application.
 *
 * <p>
 * Run the tests with {@code -Droster.openapi.update=true} to rewrite the checked-in copy from the served one
 * instead of failing. Both are compared as JSON trees; the file is written with sorted keys, two-space
 * indentation and LF line ends, so that a diff shows only real changes.
 */
public final class OpenApiContract {

    /** The system property that makes the drift check rewrite the checked-in document. */
    public static final String UPDATE_PROPERTY = "roster.openapi.update";

    private static final String SERVED_PATH = "/q/openapi?format=json";
    private static final int MAX_LISTED_DIFFERENCES = 20;
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiContract() {
    }

    /**
     * Fails, saying what differs and how to accept it, when the document the application serves is not the one in
     * {@code docs/openapi/<service>.json}; with {@value #UPDATE_PROPERTY} set, writes the file instead.
     */
    public static void assertServedMatchesCheckedIn(String service) {
        JsonNode served = served();
        Path file = checkedInFile(service);
        Path shown = repositoryRoot().relativize(file);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(file, served);
            return;
        }
        if (!Files.exists(file)) {
            fail("The OpenAPI contract of " + service + " is not checked in: " + shown + " does not exist. To add it, "
                    + howToUpdate(service));
        }
        JsonNode checkedIn = read(file);
        if (!checkedIn.equals(served)) {
            List<String> differences = new ArrayList<>();
            compare("", checkedIn, served, differences);
            fail("The OpenAPI document " + service + " serves has drifted from " + shown + ":\n"
                    + describe(differences) + "If the change is intended: " + howToUpdate(service));
        }
    }

    /** The OpenAPI document the application under test serves, as JSON. */
    public static JsonNode served() {
        URI uri = URI.create(TestHTTPResourceManager.getUri() + SERVED_PATH);
        try {
            // HTTP/1.1: the client's default h2c upgrade attempt on plain HTTP can leave the exchange hanging
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(java.time.Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET()
                    .timeout(java.time.Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                fail("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }

    /**
     * The operations ({@code "POST /api/v1/integrations"}) that do not require a bearer token: those whose
     * security requirements name no scheme of type http with scheme bearer.
     */
    public static List<String> operationsWithoutBearerToken(JsonNode document) {
        Set<String> bearerSchemes = new TreeSet<>();
        document.path("components").path("securitySchemes").fields().forEachRemaining(scheme -> {
            if ("http".equals(scheme.getValue().path("type").asText())
                    && "bearer".equalsIgnoreCase(scheme.getValue().path("scheme").asText())) {
                bearerSchemes.add(scheme.getKey());
            }
        });
        List<String> unsecured = new ArrayList<>();
        forEachOperation(document, (name, operation) -> {
            JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
            boolean bearer = false;
            for (JsonNode requirement : security) {
                for (String scheme : bearerSchemes) {
                    bearer |= requirement.has(scheme);
                }
            }
            if (!bearer) {
                unsecured.add(name);
            }
        });
        return unsecured;
    }

    /**
     * The request bodies and responses with content that show no example ({@code "POST /api/v1/integrations
     * 400"}, {@code "POST /api/v1/integrations request"}). An example counts wherever a reader finds it: on the
     * media type, or on its schema or the component schema it refers to. Responses without content (such as the
     * 401 and 403 that SmallRye OpenAPI adds by itself) are not listed.
     */
    public static List<String> contentWithoutExamples(JsonNode document) {
        List<String> missing = new ArrayList<>();
        forEachOperation(document, (name, operation) -> {
            if (operation.has("requestBody") && !hasExamples(document, operation.get("requestBody"))) {
                missing.add(name + " request");
            }
            operation.path("responses").fields().forEachRemaining(response -> {
                JsonNode resolved = resolve(document, response.getValue());
                if (resolved.has("content") && !hasExamples(document, resolved)) {
                    missing.add(name + " " + response.getKey());
                }
            });
        });
        return missing;
    }

    /** {@code <repository root>/docs/openapi/<service>.json}. */
    public static Path checkedInFile(String service) {
        return repositoryRoot().resolve("docs").resolve("openapi").resolve(service + ".json");
    }

    /**
     * The directory the build starts from: the {@code roster.root} system property that surefire sets, or else
     * the nearest directory above the working directory that holds {@code kafka-broker/}.
     */
    public static Path repositoryRoot() {
        for (String start : new String[]{System.getProperty("roster.root"), System.getProperty("user.dir")}) {
            Path dir = start == null ? null : Path.of(start).toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("kafka-broker"))) {
                dir = dir.getParent();
            }
            if (dir != null) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root: set -Droster.root=<the directory that"
                + " holds kafka-broker/>");
    }

    private static boolean hasExamples(JsonNode document, JsonNode bodyOrResponse) {
        JsonNode content = resolve(document, bodyOrResponse).path("content");
        if (content.isEmpty()) {
            return false;
        }
        for (JsonNode mediaType : content) {
            if (!showsExample(mediaType) && !showsExample(resolve(document, mediaType.path("schema")))) {
                return false;
            }
        }
        return true;
    }

    /** OpenAPI 3.0 puts one {@code example} on schemas and media types; 3.1 schemas list {@code examples}. */
    private static boolean showsExample(JsonNode mediaTypeOrSchema) {
        return mediaTypeOrSchema.has("example") || !mediaTypeOrSchema.path("examples").isEmpty();
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? document.at(ref.substring(1)) : node;
    }

    private static void forEachOperation(JsonNode document, OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> {
                    if (HTTP_METHODS.contains(method.getKey())) {
                        visitor.visit(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                    }
                }));
    }

    private interface OperationVisitor {

        void visit(String name, JsonNode operation);
    }

    private static String howToUpdate(String service) {
        return "run the tests with -D" + UPDATE_PROPERTY + "=true (mvn -o -pl " + service + " verify -D"
                + UPDATE_PROPERTY + "=true), which writes the served document to the file, and commit the file"
                + " with the change.";
    }

    private static String describe(List<String> differences) {
        StringBuilder text = new StringBuilder();
        differences.stream().limit(MAX_LISTED_DIFFERENCES).forEach(d -> text.append("  ").append(d).append('\n'));
        if (differences.size() > MAX_LISTED_DIFFERENCES) {
            text.append("  ... and ").append(differences.size() - MAX_LISTED_DIFFERENCES).append(" more\n");
        }
        return text.toString();
    }

    /** Lists where {@code actual} differs from {@code expected}, by JSON Pointer. */
    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!actual.has(name)) {
                    differences.add("removed " + child);
                } else if (!expected.has(name)) {
                    differences.add("added   " + child + ": " + abbreviate(actual.get(name)));
                } else {
                    compare(child, expected.get(name), actual.get(name), differences);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(pointer + "/" + i, expected.get(i), actual.get(i), differences);
            }
        } else {
            differences.add("changed " + (pointer.isEmpty() ? "/" : pointer) + ": " + abbreviate(expected) + " -> "
                    + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void write(Path file, JsonNode document) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        try {
            Files.createDirectories(file.getParent());
            String text = JSON.writer(printer).writeValueAsString(sorted(document)) + "\n";
            if (!Files.exists(file) || !text.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A copy with the members of every object in key order; array order is meaningful and kept. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            node.fields().forEachRemaining(members::add);
            members.sort(Map.Entry.comparingByKey());
            members.forEach(member -> copy.set(member.getKey(), sorted(member.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }
}
