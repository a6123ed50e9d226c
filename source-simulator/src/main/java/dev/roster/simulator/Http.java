package dev.roster.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

/** Small helpers around {@link HttpExchange}: query parsing and streamed JSON responses. */
final class Http {

    static final JsonFactory JSON = new JsonFactory();
    /** Exchange attribute: a {@code LongSupplier} of the bytes after which a 200 body breaks off (0: it does not). */
    static final String BREAK_AFTER = "roster.sim.breakAfter";

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
        long breakAfter = status == 200 && ex.getAttribute(BREAK_AFTER) instanceof LongSupplier b ? b.getAsLong() : 0;
        OutputStream out = breakAfter > 0
                ? new BreakingOutputStream(ex.getResponseBody(), breakAfter)
                : ex.getResponseBody();
        try (OutputStream os = out; JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            body.write(g);
        }
    }

    /** Passes {@code limit} bytes on, then fails every write: the body ends there. */
    private static final class BreakingOutputStream extends FilterOutputStream {

        private long left;

        BreakingOutputStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
            if (n < len) {
                left = 0;
                throw new IOException("injected by the source simulator: the body breaks off here");
            }
        }

        @Override
        public void flush() throws IOException {
            if (left > 0) {
                out.flush();
            }
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
