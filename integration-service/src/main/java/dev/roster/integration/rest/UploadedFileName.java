package dev.roster.integration.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.commons.problem.ProblemException;

/**
 * The name of an uploaded file: the {@code filename} query parameter, or else the {@code Content-Disposition}
 * header's {@code filename*} (RFC 6266, UTF-8 percent-encoded) or {@code filename}. Only the last path
 * segment is kept, without control characters.
 */
final class UploadedFileName {

    static final int MAX_LENGTH = 255;

    private static final Pattern EXTENDED = Pattern
            .compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([^';]*)'[^']*'([^;\\s]*)");
    private static final Pattern QUOTED = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOKEN = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*([^\";\\s]+)");

    private UploadedFileName() {
    }

    /** The name, or null when the client gave none. */
    static String of(String queryParameter, String contentDisposition) {
        if (queryParameter != null && !queryParameter.isBlank()) {
            return clean(queryParameter, "filename");
        }
        if (contentDisposition == null) {
            return null;
        }
        String raw = fromDisposition(contentDisposition);
        return raw == null ? null : clean(raw, "Content-Disposition");
    }

    private static String fromDisposition(String header) {
        Matcher extended = EXTENDED.matcher(header);
        if (extended.find() && extended.group(1).strip().equalsIgnoreCase("UTF-8")) {
            try {
                return URLDecoder.decode(extended.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("Content-Disposition", "filename* is not percent-encoded UTF-8");
            }
        }
        Matcher quoted = QUOTED.matcher(header);
        if (quoted.find()) {
            return quoted.group(1).replaceAll("\\\\(.)", "$1");
        }
        Matcher token = TOKEN.matcher(header);
        return token.find() ? token.group(1) : null;
    }

    private static String clean(String raw, String field) {
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        if (name.length() > MAX_LENGTH) {
            throw ProblemException.invalidField(field, "the file name must be at most " + MAX_LENGTH + " characters");
        }
        return name.isEmpty() ? null : name;
    }
}
