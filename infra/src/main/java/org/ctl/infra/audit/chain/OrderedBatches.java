package org.ctl.infra.audit.chain;

import java.util.List;
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
    private List<T> batch = List.of();
    private int at;
    private long after;
    private boolean exhausted;

    /**
     * @param after      the global index to start after
     * @param fetchAfter at most {@code batchSize} rows after a global index, in order
     */
    OrderedBatches(long after, int batchSize, LongFunction<List<T>> fetchAfter, ToLongFunction<T> indexOf) {
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
            batch = fetchAfter.apply(after);
            at = 0;
            exhausted = batch.size() < batchSize;
            if (batch.isEmpty()) {
                return END;
            }
            after = indexOf.applyAsLong(batch.get(batch.size() - 1));
        }
        return indexOf.applyAsLong(batch.get(at));
    }

    /** The next row if its global index is {@code index}, else null (and nothing is consumed). */
    T takeAt(long index) {
        if (peekIndex() != index) {
            return null;
        }
        return batch.get(at++);
    }
}
