package dev.roster.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/** Small helpers around {@link HttpExchange}: query parsing and streamed JSON responses. */
final class Http {

    static final JsonFactory JSON = new JsonFactory();

    private Http() {
    }

    interface Body {

        void write(JsonGenerator g) throws IOException;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> form(HttpExchange ex) throws IOException {
        return query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be an integer");
        }
    }

    /** Streams a JSON body (chunked): pages are written as they are generated. */
    static void json(HttpExchange ex, int status, String contentType, Body body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, 0);
        try (OutputStream os = ex.getResponseBody();
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            body.write(g);
        }
    }

    static void json(HttpExchange ex, int status, Body body) throws IOException {
        json(ex, status, "application/json; charset=utf-8", body);
    }

    static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    static void nullableField(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    /** A client error answered with 400 in the API's own error format. */
    static final class BadRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
