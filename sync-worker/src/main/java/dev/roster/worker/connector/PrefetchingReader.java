package dev.roster.worker.connector;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source one page ahead: while the job maps and sends a page, the next one is already being fetched,
 * so the source's latency and the job's own work overlap. At most two pages are held (the one being
 * processed and the one fetched ahead). Pages come in order with the cursors the connector gave them; a
 * failure comes out of {@link #next()} where the failed page would have.
 */
public final class PrefetchingReader implements AutoCloseable {

    private final SourceConnector connector;
    private final ExecutorService fetcher;
    private Future<SourcePage> ahead;

    public PrefetchingReader(SourceConnector connector, String threadName) {
        this.connector = connector;
        this.fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading at {@code cursor} (null: the beginning), dropping whatever was fetched ahead. */
    public void seek(String cursor) {
        if (ahead != null) {
            ahead.cancel(true);
            try {
                ahead.get();
            } catch (Exception e) {
                // dropped
            }
        }
        ahead = fetcher.submit(() -> connector.fetch(cursor));
    }

    /** The next page; the one after it is fetched meanwhile. */
    public SourcePage next() {
        SourcePage page;
        try {
            page = ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Kind.UNAVAILABLE, "interrupted while reading the source", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new SourceException(SourceException.Kind.UNAVAILABLE, "reading the source failed", e.getCause());
        }
        ahead = page.isLast() ? null : fetcher.submit(() -> connector.fetch(page.nextCursor()));
        return page;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
        }
        fetcher.shutdownNow();
        try {
            fetcher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connector.close();
    }

}
