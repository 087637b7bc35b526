package org.ctl.query.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Applies a projection's events to a {@link BatchWrites} per batch of the processor, written once when the batch
 * commits, in the batch's transaction (after the processor stored its token in the same one).
 *
 * <p>Three ways an event is applied:
 * <ul>
 *     <li><b>Folded</b>, in a batch of a streaming processor (Axon's {@link BatchingUnitOfWork}): the event changes
 *     the batch's state in memory; the state is written in the batch's prepare-commit phase. A handler that
 *     refuses an event (a rule of the projection) must do so before it changes anything, so that the dead-letter
 *     queue parks an event that left no trace.</li>
 *     <li><b>One at a time</b>, in any other unit of work (a dead letter's retry) or in a batch that failed before:
 *     the event's state is written at once, within a savepoint that a failure rolls back. When a folded batch fails
 *     (the database refused a write, say), its events are remembered, and the processor's next attempt at them
 *     runs one event at a time, so that the event the database refuses is the only one the dead-letter queue
 *     parks, as the command side's group commit runs a failed group again one command at a time.</li>
 *     <li><b>At once</b>, without a unit of work (a test calling a handler directly): written at once.</li>
 * </ul>
 */
public final class PerBatch<S extends BatchWrites> {

    /** Events of failed batches remembered at most; beyond it the oldest are forgotten (only costing a retry). */
    private static final int MAX_SUSPECTS = 100_000;
    private static final System.Logger LOG = System.getLogger(PerBatch.class.getName());
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final String key;
    private final String modeKey;
    private final DataSource dataSource;
    private final Supplier<S> newState;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    /**
     * @param name     the projection's name (distinguishes its state from another projection's in one unit of work)
     * @param jdbc     the projection's template: its data source is the one of the processor's transaction
     * @param newState a new, empty state
     */
    public PerBatch(String name, JdbcTemplate jdbc, Supplier<S> newState) {
        this.key = "ctl.batch." + Objects.requireNonNull(name, "a name is required") + "#"
                + INSTANCES.incrementAndGet();
        this.modeKey = key + ".one-at-a-time";
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "a JdbcTemplate with a DataSource is required");
        this.newState = Objects.requireNonNull(newState, "a state supplier is required");
    }

    /** Applies one event's change to the state of the current batch (or writes it at once: see the class). */
    public void apply(Consumer<S> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            S state = newState.get();
            change.accept(state);
            state.write();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root instanceof BatchingUnitOfWork<?> batch && !oneAtATime(batch)) {
            change.accept(root.getOrComputeResource(key, ignored -> foldedState(batch)));
            return;
        }
        S state = newState.get();
        withinSavepoint(() -> {
            change.accept(state);
            state.write();
        });
    }

    private S foldedState(BatchingUnitOfWork<?> batch) {
        S state = newState.get();
        state.preload(events(batch));
        batch.onPrepareCommit(ignored -> state.write());
        batch.onRollback(ignored -> remember(batch));
        return state;
    }

    /** Whether the events of a batch that failed before are among this batch's (then it runs one at a time). */
    private boolean oneAtATime(BatchingUnitOfWork<?> batch) {
        Boolean decided = batch.getResource(modeKey);
        if (decided != null) {
            return decided;
        }
        boolean oneAtATime = !suspects.isEmpty()
                && identifiers(batch).stream().anyMatch(suspects::contains);
        batch.resources().put(modeKey, oneAtATime);
        if (oneAtATime) {
            batch.afterCommit(ignored -> identifiers(batch).forEach(suspects::remove));
        }
        return oneAtATime;
    }

    private void remember(BatchingUnitOfWork<?> batch) {
        if (suspects.size() > MAX_SUSPECTS) {
            suspects.clear();
        }
        suspects.addAll(identifiers(batch));
    }

    private static List<EventMessage<?>> events(BatchingUnitOfWork<?> batch) {
        return batch.getMessages().stream().filter(EventMessage.class::isInstance)
                .<EventMessage<?>>map(message -> (EventMessage<?>) message).toList();
    }

    private static List<String> identifiers(BatchingUnitOfWork<?> batch) {
        return batch.getMessages().stream().map(message -> message.getIdentifier()).toList();
    }

    /**
     * Runs the write within a savepoint of the transaction the connection is bound to (the processor's, or a dead
     * letter's), rolled back when it fails; without such a transaction, as it is.
     */
    private void withinSavepoint(Runnable write) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
                write.run();
                return;
            }
            Savepoint savepoint = setSavepoint(connection);
            try {
                write.run();
            } catch (RuntimeException | Error failure) {
                rollBack(connection, savepoint, failure);
                throw failure;
            }
            release(connection, savepoint);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Savepoint setSavepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException failure) {
            throw new IllegalStateException("could not set a savepoint for a projection event", failure);
        }
    }

    /**
     * Releases a savepoint whose write succeeded. A failure to release is only logged: the write stands, and the
     * transaction's end releases every savepoint anyway.
     */
    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException failure) {
            LOG.log(System.Logger.Level.WARNING, "could not release a projection event's savepoint", failure);
        }
    }

    private static void rollBack(Connection connection, Savepoint savepoint, Throwable cause) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException failure) {
            cause.addSuppressed(failure);
        }
    }
}
