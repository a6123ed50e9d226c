package dev.roster.worker.connector;

/**
 * Reads a source a page at a time. {@code cursor} is null for the first page, then whatever the previous
 * page returned; a job stores it as its checkpoint, so a worker that takes over resumes where the last one
 * stopped. Full and incremental reads share this shape: a connector with delta queries returns, on its last
 * page, a cursor for the next incremental read (see the Graph connector).
 */
public interface SourceConnector {

    SourcePage fetch(String cursor);
}
