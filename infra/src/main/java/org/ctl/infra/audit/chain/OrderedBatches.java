package org.ctl.infra.audit.chain;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Rows ordered by global index, fetched in batches by keyset (each batch starts after the last row of the one
 * before), read one at a time. Not thread-safe.
 */
final class OrderedBatches<T> {

    /** The index {@link #peekIndex()} answers once every row was read. */
    static final long END = Long.MAX_VALUE;

    private final LongFunction<List<T>> fetchAfter;
    private final ToLongFunction<T> indexOf;
    private final int batchSize;
    private final Executor prefetcher;
    private CompletableFuture<List<T>> next;
    private List<T> batch = List.of();
    private int at;
    private long after;
    private boolean exhausted;

    /**
     * @param after      the global index to start after
     * @param fetchAfter at most {@code batchSize} rows after a global index, in order
     */
    OrderedBatches(long after, int batchSize, LongFunction<List<T>> fetchAfter, ToLongFunction<T> indexOf) {
        this(after, batchSize, fetchAfter, indexOf, null);
    }

    /**
     * Like the other constructor, but each batch is fetched on {@code prefetcher} while the one before is read, so
     * reading the database and working on the rows overlap.
     */
    OrderedBatches(long after, int batchSize, LongFunction<List<T>> fetchAfter, ToLongFunction<T> indexOf,
                   Executor prefetcher) {
        this.prefetcher = prefetcher;
        this.after = after;
        this.batchSize = batchSize;
        this.fetchAfter = fetchAfter;
        this.indexOf = indexOf;
    }

    /** The global index of the next row, or {@link #END}. */
    long peekIndex() {
        if (at == batch.size()) {
            if (exhausted) {
                return END;
            }
            batch = next != null ? fetched(next) : fetchAfter.apply(after);
            next = null;
            at = 0;
            exhausted = batch.size() < batchSize;
            if (batch.isEmpty()) {
                return END;
            }
            after = indexOf.applyAsLong(batch.get(batch.size() - 1));
            if (!exhausted && prefetcher != null) {
                long from = after;
                next = CompletableFuture.supplyAsync(() -> fetchAfter.apply(from), prefetcher);
            }
        }
        return indexOf.applyAsLong(batch.get(at));
    }

    private static <T> List<T> fetched(CompletableFuture<List<T>> next) {
        try {
            return next.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** The next row if its global index is {@code index}, else null (and nothing is consumed). */
    T takeAt(long index) {
        if (peekIndex() != index) {
            return null;
        }
        return batch.get(at++);
    }
}
