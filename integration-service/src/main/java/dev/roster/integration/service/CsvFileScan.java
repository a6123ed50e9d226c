package dev.roster.integration.service;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.roster.commons.problem.ProblemException;

/**
 * Watches the bytes of an upload go by, a chunk at a time: counts them and their lines, hashes them, and
 * reads the header row (RFC 4180 quoting, a UTF-8 byte order mark skipped, blank lines before it skipped)
 * as soon as it is complete, so a file that is not CSV is refused after its first chunk. Only the header
 * row is kept, and at most {@value #MAX_HEADER_BYTES} bytes of it.
 */
final class CsvFileScan {

    static final int MAX_HEADER_BYTES = 1 << 20;

    private final long maxSize;
    private final Charset charset;
    private final char delimiter;
    private final MessageDigest sha256;

    private long size;
    private long lines;
    private boolean lastWasCr;
    private int lastByte = -1;

    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean headerInQuotes;
    private boolean headerComplete;
    private List<String> columns;

    CsvFileScan(long maxSize, String encoding, char delimiter) {
        this.maxSize = maxSize;
        this.charset = Charset.forName(encoding);
        this.delimiter = delimiter;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The next bytes of the file; refuses with 413 once they pass the limit, with 400 a bad header row. */
    void accept(byte[] bytes, int length) {
        if (size + length > maxSize) {
            throw tooLarge(maxSize);
        }
        int start = 0;
        if (size == 0 && startsWithByteOrderMark(bytes, length)) {
            if (!charset.name().equals("UTF-8")) {
                throw ProblemException.of(400, "csv-encoding", "Wrong encoding", "the file starts with a UTF-8"
                        + " byte order mark, but the integration reads " + charset.name()
                        + ": set its connection's encoding to UTF-8");
            }
            start = 3;
        }
        sha256.update(bytes, 0, length);
        size += length;
        for (int i = 0; i < length; i++) {
            countLine(bytes[i]);
        }
        for (int i = start; i < length && !headerComplete; i++) {
            readHeader(bytes[i]);
        }
        if (headerComplete && columns == null) {
            columns = parseHeader();
        }
    }

    /** After the last byte: the header's column names, or 400 when the file has none. */
    List<String> finish() {
        if (size == 0) {
            throw ProblemException.of(400, "csv-empty", "Empty file", "the file is empty: a CSV file needs at"
                    + " least a header row that names the columns");
        }
        if (columns == null) {
            if (headerInQuotes) {
                parseHeader(); // an odd number of quotes: says which name is at fault
                throw invalidHeader("a quote in the header row is never closed");
            }
            if (isBlank(header.toByteArray())) {
                throw ProblemException.of(400, "csv-no-header", "No header row", "the file has no header row:"
                        + " its first line that is not blank must name the columns");
            }
            columns = parseHeader();
        }
        return columns;
    }

    long size() {
        return size;
    }

    /** Physical lines: a last line without a line break counts too. */
    long lines() {
        return size > 0 && lastByte != '\n' && lastByte != '\r' ? lines + 1 : lines;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static ProblemException tooLarge(long maxSize) {
        return ProblemException.of(413, "file-too-large", "File too large", "the file is larger than the limit of "
                + maxSize + " bytes (" + (maxSize >> 20) + " MiB); nothing of it was stored");
    }

    private void countLine(byte b) {
        if (b == '\r') {
            lines++;
        } else if (b == '\n' && !lastWasCr) {
            lines++;
        }
        lastWasCr = b == '\r';
        lastByte = b;
    }

    /**
     * The delimiter, the quote and the line breaks are single bytes in every supported encoding and never part
     * of a multi-byte UTF-8 sequence, so the header's end can be found before it is decoded.
     */
    private void readHeader(byte b) {
        if (b == '"') {
            headerInQuotes = !headerInQuotes;
        } else if ((b == '\n' || b == '\r') && !headerInQuotes) {
            if (isBlank(header.toByteArray())) {
                header.reset();
                return;
            }
            headerComplete = true;
            return;
        }
        if (header.size() == MAX_HEADER_BYTES) {
            throw invalidHeader("the header row is longer than " + (MAX_HEADER_BYTES >> 20) + " MiB, or a quote in"
                    + " it is never closed");
        }
        header.write(b);
    }

    private boolean isBlank(byte[] line) {
        for (byte b : line) {
            if ((b != ' ' && b != '\t') || b == delimiter) {
                return false;
            }
        }
        return true;
    }

    private List<String> parseHeader() {
        String row;
        try {
            row = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalidHeader("the header row is not valid " + charset.name()
                    + ": check the encoding of the integration's connection");
        }
        List<String> names = fields(row);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                throw invalidHeader("column " + (i + 1) + " of the header row has no name");
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                throw invalidHeader("the header row names column '" + name + "' twice (columns " + first + " and "
                        + (i + 1) + ")");
            }
        }
        return List.copyOf(names);
    }

    /** The fields of one record (RFC 4180), names trimmed. */
    private List<String> fields(String row) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            int column = fields.size() + 1;
            if (i < row.length() && row.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= row.length()) {
                        throw invalidHeader("the quoted name of column " + column + " is never closed");
                    }
                    char c = row.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < row.length() && row.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < row.length() && row.charAt(i) != delimiter) {
                    throw invalidHeader("column " + column + " of the header row has text after its closing quote");
                }
            } else {
                while (i < row.length() && row.charAt(i) != delimiter) {
                    char c = row.charAt(i++);
                    if (c == '"') {
                        throw invalidHeader("column " + column + " of the header row has a quote inside a name"
                                + " that is not quoted (write it as \"\" inside a quoted name)");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString().strip());
            if (i >= row.length()) {
                return fields;
            }
            i++;
        }
    }

    private static boolean startsWithByteOrderMark(byte[] bytes, int length) {
        return length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    private static ProblemException invalidHeader(String detail) {
        return ProblemException.of(400, "csv-header", "Invalid header row", detail);
    }
}
