package dev.roster.worker.connector;

/**
 * Reads a source a page at a time. {@code cursor} is null for the first page, then whatever the previous
 * page returned; a job stores it as its checkpoint, so a worker that takes over resumes where the last one
 * stopped. Full and incremental reads share this shape: a connector with delta queries returns, on its last
 * page, a cursor for the next incremental read (see the Graph connector).
 *
 * <p>
 * Sources without paging (a Workday report, a CSV file) are one long stream: their connector keeps the stream
 * open between pages, its cursor counts the rows read, and a cursor it did not hand out itself (a resumed job)
 * reopens the stream and skips that many rows. {@link #close()} releases what such a connector holds.
 */
public interface SourceConnector extends AutoCloseable {

    SourcePage fetch(String cursor);

    @Override
    default void close() {
    }
}
