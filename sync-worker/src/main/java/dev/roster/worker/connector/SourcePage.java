package dev.roster.worker.connector;

import java.util.List;

/**
 * A page of a source: its records, the cursor of the next page (null after the last), the number of people
 * the source says it has (where it says), on the last page of a source with delta queries the link the next
 * incremental read starts from, and the rows of this page that could not be read at all (a malformed CSV
 * row), each to be reported as a per-record error while the sync goes on.
 */
public record SourcePage(List<SourceRecord> records, String nextCursor, Long total, String deltaLink,
        List<UnreadableRecord> unreadable) {

    public SourcePage {
        unreadable = unreadable == null ? List.of() : unreadable;
    }

    public SourcePage(List<SourceRecord> records, String nextCursor, Long total, String deltaLink) {
        this(records, nextCursor, total, deltaLink, List.of());
    }

    public SourcePage(List<SourceRecord> records, String nextCursor, Long total) {
        this(records, nextCursor, total, null, List.of());
    }

    public boolean isLast() {
        return nextCursor == null;
    }

    /**
     * A source row that is not a record: where it is ({@code "row 17"}, or the source's id when it has one),
     * the field to blame if one is, and why, in words an admin can act on.
     */
    public record UnreadableRecord(String sourceRecordId, String field, String reason) {
    }
}
