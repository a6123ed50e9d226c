package dev.roster.worker.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.roster.worker.connector.SourceException.Kind;

/**
 * An uploaded CSV file, however it is fetched: {@link FileOpener} opens it from its first byte. The header
 * row names the fields (trimmed; an empty or repeated name refuses the whole file); every later record is a
 * person whose attributes are the header's names with the record's values, as text. A UTF-8 byte order mark
 * is skipped; blank lines are skipped. See {@link CsvReader} for the quoting rules.
 *
 * <p>
 * The id is the value of the id column, or, without one, the number of the line the record starts on. A
 * person is inactive when a column named {@code active} or {@code status} (in any case) holds one of
 * {@code false}, {@code no}, {@code 0}, {@code inactive}, {@code terminated}, {@code deactivated},
 * {@code disabled} (in any case, spaces around ignored); anything else, an empty value included, is active.
 *
 * <p>
 * A record that cannot be read (malformed, the wrong number of values, bytes the encoding does not know, an
 * empty id, longer than {@value #MAX_ROW_CHARS} characters) comes back as an unreadable record named
 * {@code "row N"}, N being the line it starts on (the header is line 1), and reading goes on.
 *
 * <p>
 * The file is one stream, kept open from page to page. The cursor {@code "row:N"} says that N records after
 * the header have been consumed; given a cursor it did not just hand out (a resumed job, a new connector),
 * the connector opens the file again and skips N records. Pages hold up to {@code pageSize} records, the
 * unreadable ones included; the total is unknown.
 */
public final class CsvConnector implements SourceConnector {

    /** The longest record read; a longer one is reported as unreadable rather than held in memory. */
    public static final int MAX_ROW_CHARS = 1 << 20;

    static final String CURSOR_PREFIX = "row:";

    private static final Set<String> INACTIVE = Set.of("false", "no", "0", "inactive", "terminated", "deactivated",
            "disabled");
    private static final Set<String> STATUS_COLUMNS = Set.of("active", "status");

    /** Opens the file from its first byte; called again whenever the connector must start over. */
    @FunctionalInterface
    public interface FileOpener {

        InputStream open() throws IOException;
    }

    private final FileOpener file;
    private final char delimiter;
    private final Charset charset;
    private final int pageSize;
    private final String idColumn;

    private CsvReader reader;
    private List<String> columns;
    private int idIndex;
    private boolean[] statusColumns;
    private long consumed;
    private String handedOut;
    private CsvReader.Row pending;

    /**
     * @param delimiter one character: , ; | or a tab in practice
     * @param charsetName UTF-8, ISO-8859-1 or windows-1252 (any charset Java knows)
     * @param idColumn the header name of the column that identifies a person; null to use line numbers
     */
    public CsvConnector(FileOpener file, char delimiter, String charsetName, int pageSize, String idColumn) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one record");
        }
        this.file = file;
        this.delimiter = delimiter;
        this.charset = Charset.forName(charsetName);
        this.pageSize = pageSize;
        this.idColumn = idColumn;
    }

    @Override
    public SourcePage fetch(String cursor) {
        long skip = rowsConsumed(cursor);
        try {
            if (reader == null || cursor == null || !cursor.equals(handedOut)) {
                open();
                while (consumed < skip && reader.next() != null) {
                    consumed++;
                }
            }
            return page();
        } catch (IOException e) {
            close();
            throw new SourceException(Kind.UNAVAILABLE, "reading the CSV file failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing more will be read from it
            }
        }
        reader = null;
        handedOut = null;
        pending = null;
    }

    private SourcePage page() throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        List<SourcePage.UnreadableRecord> unreadable = new ArrayList<>();
        CsvReader.Row row = nextRow();
        while (row != null) {
            consumed++;
            read(row, records, unreadable);
            if (records.size() + unreadable.size() == pageSize) {
                break;
            }
            row = nextRow();
        }
        pending = row == null ? null : nextRow();
        if (pending == null) {
            close();
            return new SourcePage(records, null, null, null, unreadable);
        }
        handedOut = CURSOR_PREFIX + consumed;
        return new SourcePage(records, handedOut, null, null, unreadable);
    }

    private CsvReader.Row nextRow() throws IOException {
        if (pending != null) {
            CsvReader.Row row = pending;
            pending = null;
            return row;
        }
        return reader.next();
    }

    private void read(CsvReader.Row row, List<SourceRecord> records, List<SourcePage.UnreadableRecord> unreadable) {
        String where = "row " + row.line();
        if (row.malformed()) {
            unreadable.add(new SourcePage.UnreadableRecord(where, columnName(row.errorField()), row.error()));
            return;
        }
        List<String> values = row.fields();
        if (values.size() != columns.size()) {
            unreadable.add(new SourcePage.UnreadableRecord(where, null, "the row has " + values.size()
                    + (values.size() == 1 ? " value" : " values") + ", the header names " + columns.size()
                    + " columns"));
            return;
        }
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        boolean active = true;
        String status = null;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.indexOf('\uFFFD') >= 0) {
                unreadable.add(new SourcePage.UnreadableRecord(where, columns.get(i), "the value holds bytes that"
                        + " are not " + charset.name() + ": check the encoding of the integration's connection"));
                return;
            }
            attributes.put(columns.get(i), value);
            if (statusColumns[i]) {
                status = value.strip().toLowerCase(Locale.ROOT);
                active &= !INACTIVE.contains(status);
            }
        }
        String id = idIndex < 0 ? Long.toString(row.line()) : values.get(idIndex).strip();
        if (id.isEmpty()) {
            unreadable.add(new SourcePage.UnreadableRecord(where, idColumn, "the id column '" + idColumn
                    + "' is empty"));
            return;
        }
        records.add(
                new SourceRecord(id, status == null ? SourceRecord.activeOrNot(active) : status, active, attributes));
    }

    /** Opens the file from the start and reads its header row. */
    private void open() throws IOException {
        close();
        consumed = 0;
        InputStream bytes = file.open();
        if (bytes == null) {
            throw new SourceException(Kind.NOT_FOUND, "the CSV file could not be opened");
        }
        reader = new CsvReader(new InputStreamReader(withoutByteOrderMark(bytes), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), delimiter, MAX_ROW_CHARS);
        CsvReader.Row header = reader.next();
        if (header == null) {
            throw refused("the CSV file is empty: it has no header row");
        }
        if (header.malformed()) {
            throw refused("the header row of the CSV file cannot be read: " + header.error());
        }
        columns = header.fields().stream().map(String::strip).toList();
        Map<String, Integer> seen = new HashMap<>();
        statusColumns = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            if (name.isEmpty()) {
                throw refused("column " + (i + 1) + " of the CSV header row has no name");
            }
            if (name.indexOf('\uFFFD') >= 0) {
                throw refused("the CSV header row holds bytes that are not " + charset.name()
                        + ": check the encoding of the integration's connection");
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                throw refused("the CSV header row names column '" + name + "' twice (columns " + first + " and "
                        + (i + 1) + ")");
            }
            if (STATUS_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
                statusColumns[i] = true;
            }
        }
        idIndex = idColumn == null ? -1 : columns.indexOf(idColumn);
        if (idColumn != null && idIndex < 0) {
            throw refused("the id column '" + idColumn + "' is not in the CSV header row " + columns);
        }
    }

    private String columnName(int index) {
        return index >= 0 && index < columns.size() ? columns.get(index) : null;
    }

    private static InputStream withoutByteOrderMark(InputStream bytes) throws IOException {
        PushbackInputStream in = new PushbackInputStream(bytes, 3);
        byte[] start = in.readNBytes(3);
        boolean mark = start.length == 3 && start[0] == (byte) 0xEF && start[1] == (byte) 0xBB
                && start[2] == (byte) 0xBF;
        if (!mark) {
            in.unread(start);
        }
        return in;
    }

    private static long rowsConsumed(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            long rows = cursor.startsWith(CURSOR_PREFIX)
                    ? Long.parseLong(cursor.substring(CURSOR_PREFIX.length()))
                    : -1;
            if (rows >= 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SourceException(Kind.BAD_PAYLOAD, "'" + cursor + "' is not a cursor of a CSV file (row:N)");
    }

    private static SourceException refused(String message) {
        return new SourceException(Kind.BAD_PAYLOAD, message);
    }
}
