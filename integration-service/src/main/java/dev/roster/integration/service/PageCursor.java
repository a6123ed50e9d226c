package dev.roster.integration.service;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import dev.roster.commons.problem.ProblemException;

/** A position in a list ordered by creation time and id, as an opaque string for clients. */
public record PageCursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; anything else is a 400 naming the parameter. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            return new PageCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}
