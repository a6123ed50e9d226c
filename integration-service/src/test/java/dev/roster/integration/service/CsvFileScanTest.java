package dev.roster.integration.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roster.commons.problem.ProblemException;

/** The header row and the counts of an upload, read a chunk at a time. */
class CsvFileScanTest {

    @Test
    void readsAQuotedHeaderAfterBlankLinesAcrossChunks() {
        CsvFileScan scan = read(',', "UTF-8",
                "\r\n  \n\"first, name\",\"say \"\"hi\"\"\",\"two\nlines\", last \r\nrest\n", 3);
        assertEquals(List.of("first, name", "say \"hi\"", "two\nlines", "last"), scan.finish());
        assertEquals(5, scan.lines());
    }

    @Test
    void skipsAByteOrderMarkAndCountsEveryKindOfLineBreak() {
        CsvFileScan scan = read(';', "UTF-8", "\uFEFFa;b\r\n1;2\r3;4\n5;6", 4);
        assertEquals(List.of("a", "b"), scan.finish());
        assertEquals(4, scan.lines());
        assertEquals(19, scan.size());
    }

    @Test
    void aHeaderWithoutALineBreakIsTheWholeFile() {
        CsvFileScan scan = read('|', "ISO-8859-1", "Größe|Straße", 5);
        assertEquals(List.of("Größe", "Straße"), scan.finish());
        assertEquals(1, scan.lines());
    }

    @Test
    void refusesHeadersThatCannotNameTheColumns() {
        assertRefused("a,\"b\"c\n", "text after its closing quote");
        assertRefused("a,b\"c\n", "a quote inside a name");
        assertRefused("a, ,c\n", "column 2 of the header row has no name");
        assertRefused("id,ID,id\n", "names column 'id' twice (columns 1 and 3)");
        assertRefused("a,\"b\nc,d\n", "never closed");
    }

    @Test
    void refusesAHeaderLongerThanTheLimit() {
        byte[] name = new byte[CsvFileScan.MAX_HEADER_BYTES + 1];
        Arrays.fill(name, (byte) 'x');
        CsvFileScan scan = new CsvFileScan(Long.MAX_VALUE, "UTF-8", ',');
        ProblemException e = assertThrows(ProblemException.class, () -> scan.accept(name, name.length));
        assertTrue(e.problem().detail().contains("longer than 1 MiB"), e.problem().detail());
    }

    @Test
    void refusesTheByteThatPassesTheLimit() {
        CsvFileScan scan = new CsvFileScan(10, "UTF-8", ',');
        byte[] ten = "a\n12345678".getBytes(StandardCharsets.US_ASCII);
        scan.accept(ten, ten.length);
        ProblemException e = assertThrows(ProblemException.class, () -> scan.accept(new byte[]{'9'}, 1));
        assertEquals(413, e.problem().status());
    }

    @Test
    void hashesEveryByte() {
        CsvFileScan scan = read(',', "UTF-8", "a\n", 1);
        assertEquals("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7", scan.sha256());
    }

    private static void assertRefused(String file, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(',', "UTF-8", file, 1024).finish());
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().contains(detail), e.problem().detail());
    }

    /** Feeds the file in chunks of {@code chunk} bytes, as an upload does with its 1 MiB chunks. */
    private static CsvFileScan read(char delimiter, String encoding, String file, int chunk) {
        CsvFileScan scan = new CsvFileScan(Long.MAX_VALUE, encoding, delimiter);
        byte[] bytes = file.getBytes(Charset.forName(encoding));
        for (int start = 0; start < bytes.length; start += chunk) {
            byte[] part = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + chunk));
            scan.accept(part, part.length);
        }
        return scan;
    }
}
