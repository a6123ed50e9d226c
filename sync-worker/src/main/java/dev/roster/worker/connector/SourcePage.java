package dev.roster.worker.connector;

import java.util.List;

/**
 * A page of a source: its records, the cursor of the next page (null after the last), the number of people
 * the source says it has (where it says), and, on the last page of a source with delta queries, the link
 * the next incremental read starts from.
 */
public record SourcePage(List<SourceRecord> records, String nextCursor, Long total, String deltaLink) {

    public SourcePage(List<SourceRecord> records, String nextCursor, Long total) {
        this(records, nextCursor, total, null);
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
