package dev.roster.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays integration-service's internal endpoint for the worker's tests: answers
 * {@code GET /internal/v1/integrations/{id}/source-access} with what a test registered, in the shape
 * docs/openapi/integration-service.json documents, and only to a bearer token (the worker's client-credentials
 * token). The e2e tests run the worker against the real integration-service.
 */
public class IntegrationServiceStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Map<UUID, String> ACCESS = new ConcurrentHashMap<>();
    private static final Map<UUID, byte[]> FILES = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    /** Makes the source access of an integration available: its connection and credentials as JSON. */
    public static void register(UUID integrationId, String tenantId, String sourceType, String connectionJson,
            String credentialsJson) {
        ACCESS.put(integrationId, """
                {"integrationId": "%s", "tenantId": "%s", "sourceType": "%s", "connection": %s, "credentials": %s}"""
                .formatted(integrationId, tenantId, sourceType, connectionJson, credentialsJson));
    }

    /** The uploaded file of a CSV integration, served at {@code /internal/v1/integrations/{id}/file}. */
    public static void file(UUID integrationId, byte[] content) {
        FILES.put(integrationId, content);
    }

    public static void forget(UUID integrationId) {
        ACCESS.remove(integrationId);
    }

    public static int requests() {
        return REQUESTS.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/v1/integrations/", this::handle);
        server.start();
        return Map.of("roster.worker.integration-service-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        String[] path = exchange.getRequestURI().getPath().split("/");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ey")) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        if (path.length == 6 && path[5].equals("file")) {
            byte[] file = FILES.get(UUID.fromString(path[4]));
            if (file == null) {
                respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file);
            }
            return;
        }
        String body = null;
        if (path.length == 6 && path[5].equals("source-access")) {
            try {
                body = ACCESS.get(UUID.fromString(path[4]));
            } catch (IllegalArgumentException e) {
                body = null;
            }
        }
        if (body == null) {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
        } else {
            respond(exchange, 200, body);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
