package dev.roster.integration.rest;

import static dev.roster.integration.rest.IntegrationApi.create;
import static dev.roster.integration.rest.IntegrationApi.editor;
import static dev.roster.integration.rest.IntegrationApi.freshTenant;
import static dev.roster.integration.rest.IntegrationApi.scim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.roster.commons.events.Topics;
import dev.roster.commons.security.Permissions;
import dev.roster.testinfra.TestTokens;
import dev.roster.testinfra.TopicProbe;

/** Uploading the file of a CSV integration, reading what is known of it, and the worker downloading it. */
@QuarkusTest
class CsvUploadTest {

    private static final String WORKER = TestTokens.token("service-account-roster-sync-worker", null,
            Permissions.SYNC_WORKER);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1 << 20;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUploadIsDescribedServedToTheWorkerAndDiscovered() throws Exception {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ";", "UTF-8");
        byte[] file = utf8("\uFEFFemployeeId;email;\"Nachname; Familie\";Ort\r\n"
                + "1001;anna.mueller@example.com;Müller;München\r\n"
                + "1002;jens@example.com;\"Berg \"\"Jr.\"\"\";\"Köln\r\nDeutz\"\r\n");
        try (TopicProbe requests = TopicProbe.open(bootstrap, Topics.SYNC_REQUESTS)) {
            String sha = sha256(file);
            given().auth().oauth2(editor(tenant)).contentType("text/csv").body(file)
                    .header("Content-Disposition", "attachment; filename*=UTF-8''Mitarbeiter%20M%C3%BCnchen.csv")
                    .put(fileUrl(id))
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/v1/integrations/" + id + "/file"))
                    .header("ETag", "\"" + sha + "\"")
                    .body("integrationId", equalTo(id))
                    .body("name", equalTo("Mitarbeiter München.csv"))
                    .body("sizeBytes", equalTo(file.length))
                    .body("lineCount", equalTo(4))
                    .body("columns", equalTo(List.of("employeeId", "email", "Nachname; Familie", "Ort")))
                    .body("delimiter", equalTo(";"))
                    .body("encoding", equalTo("UTF-8"))
                    .body("sha256", equalTo(sha))
                    .body("uploadedBy", equalTo("alice"))
                    .body("uploadedAt", notNullValue());

            given().auth().oauth2(editor(tenant)).get(fileUrl(id))
                    .then().statusCode(200)
                    .header("ETag", "\"" + sha + "\"")
                    .body("name", equalTo("Mitarbeiter München.csv"))
                    .body("columns[2]", equalTo("Nachname; Familie"));

            byte[] served = given().auth().oauth2(WORKER).get(internalUrl(id))
                    .then().statusCode(200)
                    .contentType(containsString("text/csv"))
                    .header("Content-Length", String.valueOf(file.length))
                    .header("ETag", "\"" + sha + "\"")
                    .extract().asByteArray();
            assertArrayEquals(file, served);

            JsonNode discovery = JSON.readTree(requests.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value());
            assertEquals("dev.roster.sync.discovery-requested.v1", discovery.get("type").asText());
            assertEquals(id, discovery.get("data").get("integrationId").asText());
            assertEquals("CSV", discovery.get("data").get("sourceType").asText());
        }
    }

    @Test
    void aLargeFileIsStoredInChunksAndServedByteForByte() throws Exception {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        byte[] file = people(6 * MIB + 12_345, StandardCharsets.UTF_8, ',');
        long lines = file.length == 0 ? 0 : countLines(file);

        given().auth().oauth2(editor(tenant)).contentType("application/octet-stream").body(file)
                .queryParam("filename", "Personal Zürich.csv")
                .put(fileUrl(id))
                .then().statusCode(201)
                .body("name", equalTo("Personal Zürich.csv"))
                .body("sizeBytes", equalTo(file.length))
                .body("lineCount", equalTo((int) lines))
                .body("columns", equalTo(List.of("id", "email", "name")))
                .body("sha256", equalTo(sha256(file)));
        assertEquals(7, chunks(id), "6 MiB and a bit are 7 chunks of 1 MiB");

        byte[] served = given().auth().oauth2(WORKER).get(internalUrl(id))
                .then().statusCode(200).header("Content-Length", String.valueOf(file.length))
                .extract().asByteArray();
        assertArrayEquals(file, served);
    }

    @Test
    void aNewFileReplacesTheOldOneWhole() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        upload(editor(tenant), id, people(3 * MIB, StandardCharsets.UTF_8, ',')).statusCode(201);
        byte[] second = utf8("email,firstName\nnew@example.com,Neu\n");

        upload(editor(tenant), id, second).statusCode(200)
                .header("Location", nullValue())
                .body("columns", equalTo(List.of("email", "firstName")))
                .body("sizeBytes", equalTo(second.length));

        given().auth().oauth2(editor(tenant)).get(fileUrl(id)).then().statusCode(200)
                .body("sha256", equalTo(sha256(second)));
        assertArrayEquals(second, download(id));
        assertEquals(1, chunks(id), "the old file's chunks are gone");
    }

    @Test
    void aFileTooLargeIsRefusedAndTheOldOneStillServed() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        byte[] kept = utf8("email\nkept@example.com\n");
        upload(editor(tenant), id, kept).statusCode(201);
        byte[] tooLarge = people(9 * MIB, StandardCharsets.UTF_8, ',');

        // With Content-Length the upload is refused before it is read; sent in chunks, once it passes the limit.
        upload(editor(tenant), id, tooLarge)
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://roster.dev/problems/file-too-large"))
                .body("detail", containsString("8 MiB"));
        given().auth().oauth2(editor(tenant)).contentType("text/csv").body(new ByteArrayInputStream(tooLarge))
                .put(fileUrl(id))
                .then().statusCode(413).contentType("application/problem+json");

        assertArrayEquals(kept, download(id));
        given().auth().oauth2(editor(tenant)).get(fileUrl(id)).then().body("sha256", equalTo(sha256(kept)));
        assertEquals(1, chunks(id), "nothing of the refused uploads is kept");
    }

    @Test
    void aFileWithoutAUsableHeaderRowIsRefusedSayingWhy() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        refused(editor(tenant), id, new byte[0], "csv-empty", "the file is empty");
        refused(editor(tenant), id, utf8("\r\n\n  \n"), "csv-no-header", "no header row");
        refused(editor(tenant), id, utf8("\uFEFF"), "csv-no-header", "no header row");
        refused(editor(tenant), id, utf8("email,name,email\na,b,c\n"), "csv-header", "'email' twice");
        refused(editor(tenant), id, utf8("email,,name\n"), "csv-header", "column 2 of the header row has no name");
        refused(editor(tenant), id, utf8("email,\"name\n"), "csv-header", "never closed");
        refused(editor(tenant), id, new byte[]{'e', (byte) 0xFC, '\n'}, "csv-header", "not valid UTF-8");
        given().auth().oauth2(editor(tenant)).get(fileUrl(id)).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("has no file yet"));
        given().auth().oauth2(editor(tenant)).contentType("application/json").body("{}").put(fileUrl(id))
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void theHeaderIsReadWithTheIntegrationsDelimiterAndEncoding() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), "\\t", "windows-1252");
        upload(editor(tenant), id, "Straße\tGröße\t\"Ort\"\r\nA\tB\tC\r\n".getBytes(Charset.forName("windows-1252")))
                .statusCode(201)
                .body("columns", equalTo(List.of("Straße", "Größe", "Ort")))
                .body("encoding", equalTo("windows-1252"));
        given().auth().oauth2(WORKER).get(internalUrl(id)).then().statusCode(200)
                .contentType(containsString("charset=windows-1252"));
        // Saved as UTF-8 with a byte order mark, but read as windows-1252: the umlauts would come out wrong.
        refused(editor(tenant), id, utf8("\uFEFFStraße\tGröße\n"), "csv-encoding", "set its connection's encoding");
    }

    @Test
    void onlyACsvIntegrationTakesAFile() {
        String tenant = freshTenant();
        String id = create(editor(tenant), scim("Directory"));
        upload(editor(tenant), id, utf8("email\na@example.com\n"))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("only a CSV integration takes an uploaded file"));
        given().auth().oauth2(editor(tenant)).get(fileUrl(id)).then().statusCode(404);
    }

    @Test
    void theFileIsScopedToTheTenantAndGuardedByPermissions() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        byte[] file = utf8("email\na@example.com\n");
        String other = TestTokens.token("mallory", freshTenant(), Permissions.PARENT_ADMIN);
        String mappingsOnly = TestTokens.token("mia", tenant, Permissions.MAPPINGS_EDIT);
        String reader = TestTokens.token("carol", tenant, Permissions.CONTACTS_READ);

        upload(other, id, file).statusCode(404).contentType("application/problem+json");
        upload(mappingsOnly, id, file).statusCode(403).contentType("application/problem+json");
        given().contentType("text/csv").body(file).put(fileUrl(id)).then().statusCode(401);
        upload(editor(tenant), UUID.randomUUID().toString(), file).statusCode(404);
        upload(editor(tenant), id, file).statusCode(201);

        given().auth().oauth2(mappingsOnly).get(fileUrl(id)).then().statusCode(200);
        given().auth().oauth2(other).get(fileUrl(id)).then().statusCode(404);
        given().auth().oauth2(reader).get(fileUrl(id)).then().statusCode(403);
        given().get(fileUrl(id)).then().statusCode(401);
    }

    @Test
    void onlyTheWorkerDownloadsTheFile() {
        String tenant = freshTenant();
        String id = csvIntegration(editor(tenant), ",", "UTF-8");
        given().auth().oauth2(WORKER).get(internalUrl(id)).then().statusCode(404)
                .contentType("application/problem+json");
        upload(editor(tenant), id, utf8("email\na@example.com\n")).statusCode(201);

        for (String user : new String[]{editor(tenant), TestTokens.token("root", tenant, Permissions.PARENT_ADMIN)}) {
            given().auth().oauth2(user).get(internalUrl(id)).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get(internalUrl(id)).then().statusCode(401);
        given().auth().oauth2(WORKER).get(internalUrl(UUID.randomUUID().toString())).then().statusCode(404);
    }

    @Test
    void otherRequestBodiesKeepTheirOwnLimit() {
        byte[] json = new byte[11 * MIB];
        java.util.Arrays.fill(json, (byte) ' ');
        given().auth().oauth2(editor(freshTenant())).contentType("application/json").body(json)
                .post("/api/v1/integrations")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://roster.dev/problems/body-too-large"));
    }

    private static String csvIntegration(String token, String delimiter, String encoding) {
        return create(token, """
                {"name": "HR export", "sourceType": "CSV",
                 "connection": {"delimiter": "%s", "encoding": "%s"}}""".formatted(delimiter, encoding));
    }

    private static ValidatableResponse upload(String token, String id, byte[] file) {
        return given().auth().oauth2(token).contentType("text/csv").body(file).put(fileUrl(id)).then();
    }

    private static void refused(String token, String id, byte[] file, String kind, String detail) {
        upload(token, id, file).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://roster.dev/problems/" + kind))
                .body("detail", containsString(detail));
    }

    private static byte[] download(String id) {
        return given().auth().oauth2(WORKER).get(internalUrl(id)).then().statusCode(200).extract().asByteArray();
    }

    private long chunks(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM csv_file_chunk WHERE integration_id = ?")) {
            count.setObject(1, UUID.fromString(id));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of about {@code size} bytes: a header and one person a line, with umlauts. */
    private static byte[] people(int size, Charset charset, char delimiter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        out.writeBytes(("id" + delimiter + "email" + delimiter + "name\n").getBytes(charset));
        for (int i = 1; out.size() < size; i++) {
            out.writeBytes(
                    (i + "" + delimiter + "person" + i + "@example.com" + delimiter + "Jürgen Nummer " + i + "\n")
                            .getBytes(charset));
        }
        return out.toByteArray();
    }

    private static long countLines(byte[] file) {
        long lines = 0;
        for (byte b : file) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileUrl(String id) {
        return "/api/v1/integrations/" + id + "/file";
    }

    private static String internalUrl(String id) {
        return "/internal/v1/integrations/" + id + "/file";
    }
}
