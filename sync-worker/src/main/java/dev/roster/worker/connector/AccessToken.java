package dev.roster.worker.connector;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * An OAuth 2.0 access token a connector fetches when it first needs one, renews a minute before it expires
 * ({@code expires_in}, where the answer has one) and once more when a call with it is refused: tokens expire,
 * or are revoked, in the middle of a long read.
 */
final class AccessToken {

    private final Supplier<JsonNode> request;
    private final String what;
    private String token;
    private Instant expires = Instant.EPOCH;

    /**
     * @param request asks the token endpoint (a {@link SourceHttp#postForm}); its answer carries
     *        {@code access_token}
     * @param what the token endpoint in words, e.g. {@code "Workday token request"}
     */
    AccessToken(Supplier<JsonNode> request, String what) {
        this.request = request;
        this.what = what;
    }

    /**
     * Calls the source with the token; if the call is refused ({@link Kind#AUTHENTICATION}) with a token that
     * was not fresh, fetches a new one and calls once more.
     */
    <T> T call(Function<String, T> call) {
        String used;
        boolean fresh;
        synchronized (this) {
            fresh = token == null || Instant.now().isAfter(expires);
            used = current();
        }
        try {
            return call.apply(used);
        } catch (SourceException e) {
            if (e.kind() != Kind.AUTHENTICATION || fresh) {
                throw e;
            }
            return call.apply(renewed(used));
        }
    }

    private synchronized String renewed(String refused) {
        if (refused.equals(token)) {
            token = null; // another caller may have renewed it already
        }
        return current();
    }

    private String current() {
        if (token == null || Instant.now().isAfter(expires)) {
            JsonNode answer = request.get();
            String issued = answer.path("access_token").asText(null);
            if (issued == null || issued.isBlank()) {
                throw new SourceException(Kind.AUTHENTICATION, what + " issued no access token");
            }
            token = issued;
            long seconds = answer.path("expires_in").asLong(3600);
            expires = Instant.now().plusSeconds(Math.max(60, seconds) - 60);
        }
        return token;
    }
}
