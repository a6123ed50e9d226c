package dev.roster.worker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.roster.worker.connector.SourceException.Kind;
import dev.roster.worker.connector.SourcePage.UnreadableRecord;

/** The CSV connector on files made here: quoting, encodings, malformed rows, paging, resuming, size. */
class CsvConnectorTest {

    @Test
    void skipsTheByteOrderMarkAndReadsQuotedDelimitersQuotesAndLineBreaks() {
        SourcePage page = readOnce("\uFEFFid,name,note\r\n"
                + "1,\"Doe, Jane\",\"said \"\"hi\"\"\"\r\n"
                + "2,Bob,\"one\ntwo\r\nthree\rfour\"\r\n"
                + "3,\"\",plain\r\n", ',', "UTF-8", "id");
        assertEquals(List.of("1", "2", "3"), ids(page));
        SourceRecord jane = page.records().get(0);
        assertEquals("Doe, Jane", jane.attributes().get("name").asText());
        assertEquals("said \"hi\"", jane.attributes().get("note").asText());
        assertEquals(List.of("id", "name", "note"), names(jane));
        assertEquals("one\ntwo\r\nthree\rfour", page.records().get(1).attributes().get("note").asText());
        assertEquals("", page.records().get(2).attributes().get("name").asText());
        assertTrue(page.isLast());
        assertNull(page.total());
        assertEquals(List.of(), page.unreadable());
    }

    @Test
    void readsSemicolonsAndTabs() {
        SourcePage semicolons = readOnce("id;name\n1;\"a;b\"\n2;c,d\n", ';', "UTF-8", "id");
        assertEquals("a;b", semicolons.records().get(0).attributes().get("name").asText());
        assertEquals("c,d", semicolons.records().get(1).attributes().get("name").asText());

        SourcePage tabs = readOnce("id\tname\tcity\n7\tAnn Lee\t\"New\tYork\"\n", '\t', "UTF-8", "id");
        assertEquals("Ann Lee", tabs.records().get(0).attributes().get("name").asText());
        assertEquals("New\tYork", tabs.records().get(0).attributes().get("city").asText());
    }

    @Test
    void decodesWindows1252AndLatin1Umlauts() {
        String text = "Personalnummer;Straße;Name\n17;Königsallee 5;Jürgen Größe\n";
        for (String charset : List.of("windows-1252", "ISO-8859-1")) {
            SourcePage page = read(text.getBytes(Charset.forName(charset)), ';', charset, "Personalnummer", 100)
                    .fetch(null);
            SourceRecord person = page.records().get(0);
            assertEquals("17", person.id());
            assertEquals("Königsallee 5", person.attributes().get("Straße").asText(), charset);
            assertEquals("Jürgen Größe", person.attributes().get("Name").asText(), charset);
        }
        SourcePage euro = read(new byte[]{'a', '\n', (byte) 0x80, '\n'}, ',', "windows-1252", null, 10).fetch(null);
        assertEquals("€", euro.records().get(0).attributes().get("a").asText());
    }

    @Test
    void reportsEachMalformedRowByItsLineAndReadsTheRest() {
        SourcePage page = readOnce("id,name,email\n"
                + "1,Ann,ann@example.com\n"
                + "2,Bob\n"
                + "3,\"Car\"ol,carol@example.com\n"
                + "4,Da\"ve,dave@example.com\n"
                + "\n"
                + "5,Eve,\"eve@\nexample.com\"\n"
                + ",Nobody,nobody@example.com\n"
                + "6,Fay,fay@example.com,extra\n"
                + "7,Gus,gus@example.com\n"
                + "8,\"Hal,hal@example.com\n"
                + "9,Ivy,ivy@example.com\n", ',', "UTF-8", "id");
        assertEquals(List.of("1", "5", "7"), ids(page));
        assertEquals(List.of(
                new UnreadableRecord("row 3", null, "the row has 2 values, the header names 3 columns"),
                new UnreadableRecord("row 4", "name", "text after the closing quote of a value"),
                new UnreadableRecord("row 5", "name", "a quote inside a value that is not quoted (quote the whole"
                        + " value and double the quotes inside it)"),
                new UnreadableRecord("row 9", "id", "the id column 'id' is empty"),
                new UnreadableRecord("row 10", null, "the row has 4 values, the header names 3 columns"),
                new UnreadableRecord("row 12", "name", "a quoted value is not closed before the end of the file")),
                page.unreadable());
    }

    @Test
    void reportsARowTooLongToHoldAndReadsOn() {
        String huge = "x".repeat(CsvConnector.MAX_ROW_CHARS + 10);
        SourcePage page = readOnce("id,note\n1,short\n2,\"" + huge + "\nstill the same value\"\n3,short\n", ',',
                "UTF-8", "id");
        assertEquals(List.of("1", "3"), ids(page));
        assertEquals(List.of(new UnreadableRecord("row 3", null, "the row is longer than "
                + CsvConnector.MAX_ROW_CHARS + " characters")), page.unreadable());
    }

    @Test
    void bytesTheEncodingDoesNotKnowMakeTheRowUnreadable() {
        byte[] file = {'i', 'd', ',', 'n', '\n', '1', ',', (byte) 0xFC, '\n', '2', ',', 'o', 'k', '\n'};
        SourcePage page = read(file, ',', "UTF-8", "id", 10).fetch(null);
        assertEquals(List.of("2"), ids(page));
        assertEquals("n", page.unreadable().get(0).field());
        assertTrue(page.unreadable().get(0).reason().contains("not UTF-8"));
    }

    @Test
    void refusesAFileWhoseHeaderCannotNameTheFields() {
        assertRefused("id,email,name,email\n1,a,b,c\n", "id", "names column 'email' twice (columns 2 and 4)");
        assertRefused("id, ,name\n", "id", "column 2 of the CSV header row has no name");
        assertRefused("", "id", "empty");
        assertRefused("\n\n", null, "empty");
        assertRefused("email,name\n", "employeeId", "the id column 'employeeId' is not in the CSV header row");
        assertRefused("id,\"na\"me\n", "id", "text after the closing quote");
    }

    @Test
    void theStatusOrActiveColumnSaysWhoIsInactive() {
        SourcePage page = readOnce("id,Status,active\n"
                + "1,Active,true\n"
                + "2,Terminated,\n"
                + "3, INACTIVE ,\n"
                + "4,,False\n"
                + "5,on leave,no\n"
                + "6,,\n"
                + "7,deactivated,yes\n"
                + "8,disabled,1\n"
                + "9,,0\n", ',', "UTF-8", "id");
        List<String> inactive = page.records().stream().filter(r -> !r.active()).map(SourceRecord::id).toList();
        assertEquals(List.of("2", "3", "4", "5", "7", "8", "9"), inactive);

        SourcePage without = readOnce("id,state\n1,terminated\n", ',', "UTF-8", "id");
        assertTrue(without.records().get(0).active(), "only columns named active or status count");
    }

    @Test
    void withoutAnIdColumnTheLineIsTheId() {
        SourcePage page = readOnce("name,note\nAnn,\"two\nlines\"\n\nBob,x\n", ',', "UTF-8", null);
        assertEquals(List.of("2", "5"), ids(page));
    }

    @Test
    void pagesThroughTheFileAndEndsOnTheLastRecord() {
        Opens opens = new Opens(people(25));
        CsvConnector connector = new CsvConnector(opens, ',', "UTF-8", 10, "id");
        List<String> cursors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            SourcePage page = connector.fetch(cursor);
            ids.addAll(ids(page));
            cursor = page.nextCursor();
            cursors.add(cursor);
        } while (cursor != null);
        assertEquals(expectedIds(1, 25), ids);
        assertEquals(List.of("row:10", "row:20"), cursors.subList(0, 2));
        assertNull(cursors.get(2));
        assertEquals(1, opens.count.get(), "one stream from the first page to the last");
        assertTrue(opens.closed.get(), "closed after the last page");

        SourcePage exact = new CsvConnector(new Opens(people(20)), ',', "UTF-8", 10, "id").fetch("row:10");
        assertTrue(exact.isLast(), "a page that ends with the file is the last one");
        assertEquals(expectedIds(11, 20), ids(exact));
    }

    @Test
    void aFreshConnectorResumesFromACursorWithExactlyTheRemainingRows() {
        byte[] file = people(95);
        String cursor;
        try (CsvConnector first = new CsvConnector(new Opens(file), ',', "UTF-8", 30, "id")) {
            first.fetch(null);
            cursor = first.fetch("row:30").nextCursor();
        }
        assertEquals("row:60", cursor);

        Opens opens = new Opens(file);
        List<String> rest = new ArrayList<>();
        try (CsvConnector resumed = new CsvConnector(opens, ',', "UTF-8", 30, "id")) {
            for (String next = cursor; next != null;) {
                SourcePage page = resumed.fetch(next);
                rest.addAll(ids(page));
                next = page.nextCursor();
            }
        }
        assertEquals(expectedIds(61, 95), rest);
        assertEquals(1, opens.count.get());
    }

    @Test
    void aCursorItDidNotJustHandOutStartsOverAndCloseClosesTheStream() {
        Opens opens = new Opens(people(50));
        CsvConnector connector = new CsvConnector(opens, ',', "UTF-8", 10, "id");
        connector.fetch(null);
        connector.fetch("row:10");
        assertEquals(expectedIds(11, 20), ids(connector.fetch("row:10")), "the same page again");
        assertEquals(2, opens.count.get());
        assertEquals(expectedIds(1, 10), ids(connector.fetch(null)));
        assertEquals(3, opens.count.get());
        assertFalse(opens.closed.get());
        connector.close();
        assertTrue(opens.closed.get());
        assertThrows(SourceException.class, () -> connector.fetch("rows=10"));
    }

    @Test
    void aFileThatCannotBeOpenedIsUnavailable() {
        CsvConnector connector = new CsvConnector(() -> {
            throw new IOException("connection refused");
        }, ',', "UTF-8", 10, "id");
        SourceException e = assertThrows(SourceException.class, () -> connector.fetch(null));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("connection refused"));
    }

    @Test
    void streamsAMillionRowsToTheEnd() {
        int rows = 1_000_000;
        CsvConnector connector = new CsvConnector(() -> new GeneratedFile(rows), ',', "UTF-8", 1_000, "id");
        long records = 0;
        long inactive = 0;
        String lastId = null;
        int pages = 0;
        String cursor = null;
        do {
            SourcePage page = connector.fetch(cursor);
            assertEquals(List.of(), page.unreadable());
            records += page.records().size();
            inactive += page.records().stream().filter(r -> !r.active()).count();
            lastId = page.records().isEmpty() ? lastId : page.records().get(page.records().size() - 1).id();
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(rows, records);
        assertEquals(rows / 10, inactive);
        assertEquals(String.valueOf(rows), lastId);
        assertEquals(rows / 1_000, pages);
    }

    private static SourcePage readOnce(String text, char delimiter, String charset, String idColumn) {
        try (CsvConnector connector = read(text.getBytes(Charset.forName(charset)), delimiter, charset, idColumn,
                1_000)) {
            return connector.fetch(null);
        }
    }

    private static CsvConnector read(byte[] file, char delimiter, String charset, String idColumn, int pageSize) {
        return new CsvConnector(() -> new ByteArrayInputStream(file), delimiter, charset, pageSize, idColumn);
    }

    private static void assertRefused(String text, String idColumn, String message) {
        SourceException e = assertThrows(SourceException.class, () -> readOnce(text, ',', "UTF-8", idColumn));
        assertEquals(Kind.BAD_PAYLOAD, e.kind());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static List<String> ids(SourcePage page) {
        return page.records().stream().map(SourceRecord::id).toList();
    }

    private static List<String> names(SourceRecord record) {
        List<String> names = new ArrayList<>();
        record.attributes().fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> expectedIds(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("p" + i);
        }
        return ids;
    }

    private static byte[] people(int count) {
        return ("id,email\n" + IntStream.rangeClosed(1, count)
                .mapToObj(i -> "p" + i + ",p" + i + "@example.com\n")
                .collect(Collectors.joining())).getBytes(StandardCharsets.UTF_8);
    }

    /** Counts how often the file is opened, and whether the last stream was closed. */
    private static final class Opens implements CsvConnector.FileOpener {

        final byte[] file;
        final AtomicInteger count = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Opens(byte[] file) {
            this.file = file;
        }

        @Override
        public InputStream open() {
            count.incrementAndGet();
            closed.set(false);
            return new FilterInputStream(new ByteArrayInputStream(file)) {

                @Override
                public void close() throws IOException {
                    closed.set(true);
                    super.close();
                }
            };
        }
    }

    /** A CSV file made up as it is read: a header and {@code rows} people, every tenth terminated. */
    private static final class GeneratedFile extends InputStream {

        private final int rows;
        private int row;
        private byte[] line = "id,email,name,status\n".getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedFile(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (position == line.length && !nextLine()) {
                return -1;
            }
            return line[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == line.length && !nextLine()) {
                return -1;
            }
            int n = Math.min(length, line.length - position);
            System.arraycopy(line, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean nextLine() {
            if (row == rows) {
                return false;
            }
            row++;
            String status = row % 10 == 0 ? "terminated" : "active";
            line = (row + ",person" + row + "@example.com,\"Müller, Person " + row + "\"," + status + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }
}
