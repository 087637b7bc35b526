package org.ctl.query.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Keys read in chunks of {@code IN (?, ?, …)}: a few statements for a batch's rows, never one per row. */
public final class InLists {

    /** Keys per statement: far below any driver's limit on parameters. */
    public static final int CHUNK = 500;

    private InLists() {
    }

    /** Hands the distinct keys to {@code read} in chunks of at most {@link #CHUNK}. */
    public static <T> void inChunks(Collection<T> keys, Consumer<List<T>> read) {
        List<T> chunk = new ArrayList<>(Math.min(CHUNK, keys.size()));
        for (T key : keys) {
            chunk.add(key);
            if (chunk.size() == CHUNK) {
                read.accept(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }
        if (!chunk.isEmpty()) {
            read.accept(chunk);
        }
    }

    /** {@code ?, ?, ?} for {@code count} parameters. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
