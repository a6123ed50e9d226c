package dev.roster.worker.connector;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text (RFC 4180), one at a time: fields split by one delimiter character, quoted
 * fields that hold the delimiter, doubled quotes and line breaks (CR, LF or CRLF), blank lines skipped. A
 * malformed record (a quote inside an unquoted field, text after a closing quote, a quote still open at the
 * end, or more than {@code maxRecordChars} characters) comes back as such, naming its line, and reading
 * goes on with the next record. Memory holds one record of at most {@code maxRecordChars} characters.
 */
final class CsvReader implements Closeable {

    /** One record: the line it starts on (1-based), its fields, and why it cannot be read, if it cannot. */
    record Row(long line, List<String> fields, String error, int errorField) {

        boolean malformed() {
            return error != null;
        }
    }

    private enum State {
        FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, SKIP_LINE
    }

    /** What {@link #lineBreak} returns for a CR followed by LF. */
    private static final int CRLF = -2;

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long line = 1;

    CsvReader(Reader in, char delimiter, int maxRecordChars) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("a quote or a line break cannot be the delimiter");
        }
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record that is not a blank line, or null at the end. */
    Row next() throws IOException {
        while (peek() >= 0) {
            Row row = readRow();
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The record that starts here, or null when it is a blank line (nothing on it but spaces). */
    private Row readRow() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quotedSeen = false;
        String error = null;
        int errorField = -1;
        long chars = 0;
        State state = State.FIELD_START;
        while (true) {
            int c = read();
            if (c < 0) {
                if (state == State.QUOTED && error == null) {
                    error = "a quoted value is not closed before the end of the file";
                    errorField = fields.size();
                }
                break;
            }
            if (++chars > maxRecordChars && error == null) {
                error = "the row is longer than " + maxRecordChars + " characters";
                errorField = -1;
            }
            if (error != null) {
                fields.clear(); // a malformed row is reported, not read: keep nothing of it
                field.setLength(0);
            }
            boolean lineBreak = c == '\r' || c == '\n';
            if (lineBreak) {
                c = lineBreak(c);
            }
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (c == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (lineBreak) {
                        return finish(start, fields, field, quotedSeen, error, errorField);
                    } else if (c == '"' && state == State.FIELD_START) {
                        quotedSeen = true;
                        state = State.QUOTED;
                    } else if (c == '"') {
                        if (error == null) {
                            error = "a quote inside a value that is not quoted (quote the whole value and double"
                                    + " the quotes inside it)";
                            errorField = fields.size();
                        }
                        state = State.SKIP_LINE;
                    } else {
                        append(field, c, error);
                        state = State.UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        append(field, c, error);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        append(field, '"', error);
                        state = State.QUOTED;
                    } else if (c == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (lineBreak) {
                        return finish(start, fields, field, quotedSeen, error, errorField);
                    } else {
                        if (error == null) {
                            error = "text after the closing quote of a value";
                            errorField = fields.size();
                        }
                        state = State.SKIP_LINE;
                    }
                }
                case SKIP_LINE -> {
                    if (lineBreak) {
                        return finish(start, fields, field, quotedSeen, error, errorField);
                    }
                }
            }
        }
        return finish(start, fields, field, quotedSeen, error, errorField);
    }

    /** Appends a character read, or for CRLF both; nothing once the row is known to be malformed. */
    private static void append(StringBuilder field, int c, String error) {
        if (error != null) {
            return;
        }
        if (c == CRLF) {
            field.append('\r').append('\n');
        } else {
            field.append((char) c);
        }
    }

    private static Row finish(long start, List<String> fields, StringBuilder field, boolean quotedSeen,
            String error, int errorField) {
        if (error != null) {
            return new Row(start, List.of(), error, errorField);
        }
        if (fields.isEmpty() && !quotedSeen && field.toString().isBlank()) {
            return null;
        }
        fields.add(field.toString());
        return new Row(start, fields, null, -1);
    }

    /** Counts the line break and reads the LF of a CRLF with its CR. */
    private int lineBreak(int c) throws IOException {
        line++;
        if (c == '\r' && peek() == '\n') {
            position++;
            return CRLF;
        }
        return c;
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }
}
