package org.ctl.query.shared;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a projection folds a batch of events into before it writes: the rows the batch touches, read once, changed
 * in memory by each event, and written with one JDBC batch per statement when the batch commits. See
 * {@link PerBatch}.
 */
public interface BatchWrites {

    /**
     * Reads, in a few statements, the rows that the batch's events will touch, so that the handlers find them
     * in memory instead of reading them one by one. Called once, before the first event of a batch is applied;
     * a row it does not read is read by the handler that needs it.
     */
    default void preload(List<? extends EventMessage<?>> batch) {
    }

    /** Writes what the events applied so far changed. Called once, at the end. */
    void write();

    /** Runs {@code sql} once per row in one JDBC batch; nothing for no rows. */
    static void batchUpdate(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
