package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.roster.worker.connector.SourceException.Kind;

/** A body that stops flowing halfway fails after the read timeout instead of hanging the job. */
class SourceHttpStallTest {

    @Test
    void aBodyWithoutDataForTheReadTimeoutFails() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/report", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"Report_Entry\": [".getBytes());
            out.flush();
            try {
                Thread.sleep(4_000); // the source stalls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            SourceHttp http = new SourceHttp(new ObjectMapper(), new SourceHttp.Settings(Duration.ofSeconds(2),
                    Duration.ofMillis(600), 0, Duration.ofMillis(10), Duration.ofMillis(10), 0));
            long started = System.nanoTime();
            try (InputStream body = http.openStream(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/report"), Map.of(), "Workday report")) {
                SourceException e = assertThrows(SourceException.class, body::readAllBytes);
                assertEquals(Kind.UNAVAILABLE, e.kind());
                assertTrue(e.getMessage().contains("stalled"), e.getMessage());
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds < 3, "failed after " + seconds + " s, not when the source gave up");
        } finally {
            server.stop(0);
        }
    }
}
