package dev.roster.worker.connector;

import java.util.List;

/**
 * A page of a source: its records, the cursor of the next page (null after the last), and the number of
 * people the source says it has, where it says.
 */
public record SourcePage(List<SourceRecord> records, String nextCursor, Long total) {

    public boolean isLast() {
        return nextCursor == null;
    }
}
