package org.ctl.query.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.ctl.query.ReadModelDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link PerBatch} against a real read-model database and a real transaction (Spring's
 * {@link DataSourceTransactionManager}, attached to Axon's units of work as a processor attaches its own), with a
 * test state that inserts rows of {@code holding}, whose check constraint ({@code available >= 0}) and primary key
 * let the database refuse a write.
 */
class PerBatchTest {

    /** The holder whose rows the state itself refuses (before changing anything). */
    private static final String REFUSED = "refused";

    /** One row of {@code holding} of series S1. */
    private record Row(String holder, long available) {
    }

    /** The test's event: rows to insert, in order. */
    private record Put(List<Row> rows) {
        static Put of(Object... holdersAndUnits) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < holdersAndUnits.length; i += 2) {
                rows.add(new Row((String) holdersAndUnits[i], ((Number) holdersAndUnits[i + 1]).longValue()));
            }
            return new Put(List.copyOf(rows));
        }
    }

    /** The test's state: the rows of the events applied so far, inserted one statement each by write(). */
    private final class Rows implements BatchWrites {
        final List<Row> rows = new ArrayList<>();
        final List<List<EventMessage<?>>> preloads = new ArrayList<>();

        Rows() {
            states.add(this);
        }

        void add(Put put) {
            if (put.rows().stream().anyMatch(row -> row.holder().equals(REFUSED))) {
                throw new IllegalArgumentException("the state refuses " + put);
            }
            rows.addAll(put.rows());
        }

        @Override
        public void preload(List<? extends EventMessage<?>> batch) {
            preloads.add(List.copyOf(batch));
        }

        @Override
        public void write() {
            writes.add(this);
            for (Row row : rows) {
                jdbc.update("INSERT INTO holding (token_id, holder_id, available, pledged) VALUES ('S1', ?, ?, 0)",
                        row.holder(), row.available());
            }
        }
    }

    private final JdbcTemplate jdbc = ReadModelDatabase.migrated();
    private final DataSource dataSource = jdbc.getDataSource();
    private final DataSourceTransactionManager spring = new DataSourceTransactionManager(dataSource);
    /**
     * Axon's view of the Spring transaction manager, as a processor's transaction manager: like Axon's own
     * {@code SpringTransactionManager}, a unit of work that joined a transaction started by another neither commits
     * nor rolls it back.
     */
    private final TransactionManager transactions = () -> {
        TransactionStatus status = spring.getTransaction(new DefaultTransactionDefinition());
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    spring.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    spring.rollback(status);
                }
            }
        };
    };

    private final List<Rows> states = new ArrayList<>();
    private final List<Rows> writes = new ArrayList<>();
    /** What a dead-letter queue would have parked: the event's identifier and the failure it caught. */
    private final Map<String, Throwable> deadLetters = new LinkedHashMap<>();
    private final PerBatch<Rows> perBatch = new PerBatch<>("test", jdbc, Rows::new);

    @AfterEach
    void nothingIsLeftOpen() {
        assertThat(CurrentUnitOfWork.isStarted()).as("a unit of work left started").isFalse();
        assertThat(TransactionSynchronizationManager.getResourceMap()).as("a transaction left open").isEmpty();
    }

    // --- the cases ---

    @Test
    void aBatchIsFoldedIntoOneStateWrittenOnceInTheBatchsTransactionWhenItCommits() {
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("bob", 3), Put.of("carol", 2),
                Put.of("dave", 1));
        long[] beforeTheWrite = {-1};
        long[] atPrepareCommit = {-1, -1};
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.attachTransaction(transactions);

        ResultMessage<?> result = batch.executeWithResult(() -> {
            handle(batch.getMessage());
            if (batch.isLastMessage()) {
                beforeTheWrite[0] = rows();
                // Registered after the state's own handler (on the last message's context): runs after the write,
                // before the transaction commits.
                batch.onPrepareCommit(ignored -> {
                    atPrepareCommit[0] = rows();
                    atPrepareCommit[1] = committedRows();
                });
            }
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(states).hasSize(1);
        assertThat(writes).containsExactly(states.get(0));
        assertThat(states.get(0).preloads).containsExactly(events);
        assertThat(beforeTheWrite[0]).as("rows in the batch's transaction before its commit").isZero();
        assertThat(atPrepareCommit[0]).as("rows in the batch's transaction once written").isEqualTo(4);
        assertThat(atPrepareCommit[1]).as("rows committed before the batch's transaction commits").isZero();
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L), Map.entry("bob", 3L), Map.entry("carol", 2L),
                Map.entry("dave", 1L));
        assertThat(committedRows()).isEqualTo(4);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void anEventTheStateRefusesInAFoldedBatchLeavesNoTraceAndTheOthersCommit() {
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("dave", 4, REFUSED, 1), Put.of("bob", 3));

        ResultMessage<?> result = runBatch(events);

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(deadLetters).containsOnlyKeys(events.get(1).getIdentifier());
        assertThat(deadLetters.get(events.get(1).getIdentifier())).isInstanceOf(IllegalArgumentException.class);
        assertThat(states).hasSize(1);
        assertThat(writes).containsExactly(states.get(0));
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L), Map.entry("bob", 3L));

        // The batch committed: the next one folds as usual.
        states.clear();
        writes.clear();
        assertThat(runBatch(events(Put.of("erin", 1), Put.of("frank", 2))).isExceptional()).isFalse();
        assertThat(states).hasSize(1);
        assertThat(writes).hasSize(1);
    }

    @Test
    void aBatchWhoseWriteFailsRollsBackAndItsEventsRunOneAtATimeInTheNextBatchThenBatchesFoldAgain() {
        // bob's row breaks ck_holding_units; dave's, inserted just before it by the same event, must go with it.
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("dave", 4, "bob", -1), Put.of("carol", 2));

        ResultMessage<?> failed = runBatch(events);

        assertThat(failed.isExceptional()).isTrue();
        assertThat(failed.exceptionResult()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(states).hasSize(1);
        assertThat(writes).hasSize(1);
        assertThat(deadLetters).as("a failed write at commit reaches no handler").isEmpty();
        assertThat(committedRows()).isZero();

        // The processor reads the same events again (new messages, the same identifiers).
        states.clear();
        writes.clear();
        List<EventMessage<?>> again = events.stream().map(PerBatchTest::copyOf).toList();
        ResultMessage<?> retried = runBatch(again);

        assertThat(retried.isExceptional()).as("%s", retried).isFalse();
        assertThat(states).as("one state per event").hasSize(3);
        assertThat(writes).containsExactlyElementsOf(states);
        assertThat(states).allSatisfy(state -> assertThat(state.preloads).isEmpty());
        assertThat(deadLetters).containsOnlyKeys(events.get(1).getIdentifier());
        assertThat(deadLetters.get(events.get(1).getIdentifier()))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(holdings()).as("dave's row rolled back to the event's savepoint")
                .containsExactly(Map.entry("alice", 5L), Map.entry("carol", 2L));

        // Other events: folded again, one write for the batch.
        states.clear();
        writes.clear();
        ResultMessage<?> next = runBatch(events(Put.of("erin", 1), Put.of("frank", 2), Put.of("gina", 3)));

        assertThat(next.isExceptional()).as("%s", next).isFalse();
        assertThat(states).hasSize(1);
        assertThat(writes).containsExactly(states.get(0));
        assertThat(holdings()).containsOnlyKeys("alice", "carol", "erin", "frank", "gina");
    }

    @Test
    void aBatchWhoseWriteBreaksAPrimaryKeyIsRetriedOneEventAtATime() {
        jdbc.update("INSERT INTO holding (token_id, holder_id, available, pledged) VALUES ('S1', 'bob', 7, 0)");
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("bob", 3), Put.of("carol", 2));

        assertThat(runBatch(events).isExceptional()).isTrue();
        assertThat(holdings()).containsExactly(Map.entry("bob", 7L));

        ResultMessage<?> retried = runBatch(events.stream().map(PerBatchTest::copyOf).toList());

        assertThat(retried.isExceptional()).as("%s", retried).isFalse();
        assertThat(deadLetters).containsOnlyKeys(events.get(1).getIdentifier());
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L), Map.entry("bob", 7L), Map.entry("carol", 2L));
    }

    @Test
    void aRetriedBatchThatOverlapsTheFailedOneOnlyInPartAlsoRunsOneAtATime() {
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("bob", -1), Put.of("carol", 2));
        assertThat(runBatch(events).isExceptional()).isTrue();

        states.clear();
        writes.clear();
        List<EventMessage<?>> overlapping = new ArrayList<>(List.of(copyOf(events.get(1)), copyOf(events.get(2))));
        overlapping.addAll(events(Put.of("dave", 4)));
        ResultMessage<?> retried = runBatch(overlapping);

        assertThat(retried.isExceptional()).isFalse();
        assertThat(states).hasSize(3);
        assertThat(deadLetters).containsOnlyKeys(events.get(1).getIdentifier());
        assertThat(holdings()).containsExactly(Map.entry("carol", 2L), Map.entry("dave", 4L));
    }

    @Test
    void aNestedUnitOfWorkInsideABatchStillFoldsIntoTheBatch() {
        List<EventMessage<?>> events = events(Put.of("alice", 5), Put.of("bob", 3));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.attachTransaction(transactions);

        ResultMessage<?> result = batch.executeWithResult(() -> {
            EventMessage<?> message = batch.getMessage();
            DefaultUnitOfWork.startAndGet(message).execute(() -> handle(message));
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(states).hasSize(1);
        assertThat(writes).hasSize(1);
        assertThat(holdings()).containsOnlyKeys("alice", "bob");
    }

    @Test
    void inADefaultUnitOfWorkEachApplyWritesAtOnceInTheTransaction() {
        EventMessage<?> letter = events(Put.of("alice", 5)).get(0);
        long[] seen = new long[3];
        UnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(letter);
        retry.attachTransaction(transactions);

        ResultMessage<?> result = retry.executeWithResult(() -> {
            perBatch.apply(state -> state.add(Put.of("alice", 5)));
            seen[0] = rows();
            perBatch.apply(state -> state.add(Put.of("bob", 3)));
            seen[1] = rows();
            seen[2] = committedRows();
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(seen).containsExactly(1, 2, 0);
        assertThat(states).hasSize(2);
        assertThat(writes).containsExactlyElementsOf(states);
        assertThat(states).allSatisfy(state -> assertThat(state.preloads).isEmpty());
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L), Map.entry("bob", 3L));
    }

    @Test
    void inADefaultUnitOfWorkAFailedWriteIsRolledBackToItsSavepointAndReachesTheCaller() {
        EventMessage<?> letter = events(Put.of("alice", 5)).get(0);
        Throwable[] caught = new Throwable[1];
        UnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(letter);
        retry.attachTransaction(transactions);

        ResultMessage<?> result = retry.executeWithResult(() -> {
            perBatch.apply(state -> state.add(Put.of("alice", 5)));
            try {
                perBatch.apply(state -> state.add(Put.of("dave", 4, "bob", -1)));
            } catch (RuntimeException failure) {
                caught[0] = failure;
            }
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(caught[0]).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L));
    }

    @Test
    void deadLettersRetriedAsTheQueueRetriesThemKeepTheSucceedingOnesAndNothingOfTheFailingOne() {
        // As the dead-lettering invoker's processAny: one unit of work (and transaction) around the letters of a
        // sequence, each letter in a nested unit of work that joins the transaction; a failing letter's rollback
        // leaves the joined transaction alone, so only the savepoint takes its write back.
        List<EventMessage<?>> letters = events(Put.of("alice", 5), Put.of("dave", 4, "bob", -1));
        List<ResultMessage<?>> outcomes = new ArrayList<>();
        UnitOfWork<EventMessage<?>> processAny = new DefaultUnitOfWork<>(null);
        processAny.attachTransaction(transactions);

        ResultMessage<?> result = processAny.executeWithResult(() -> {
            for (EventMessage<?> letter : letters) {
                UnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(letter);
                retry.attachTransaction(transactions);
                outcomes.add(retry.executeWithResult(() -> {
                    perBatch.apply(state -> state.add((Put) letter.getPayload()));
                    return null;
                }));
            }
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(outcomes.get(0).isExceptional()).isFalse();
        assertThat(outcomes.get(1).isExceptional()).isTrue();
        assertThat(outcomes.get(1).exceptionResult()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(states).hasSize(2);
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L));
    }

    @Test
    void aDeadLettersRetryThatFailsRollsBackItsUnitOfWork() {
        EventMessage<?> letter = events(Put.of("dave", 4, "bob", -1)).get(0);
        UnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(letter);
        retry.attachTransaction(transactions);

        ResultMessage<?> result = retry.executeWithResult(() -> {
            perBatch.apply(state -> state.add((Put) letter.getPayload()));
            return null;
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(retry.isRolledBack()).isTrue();
        assertThat(committedRows()).isZero();
    }

    @Test
    void inADefaultUnitOfWorkWithoutATransactionEachApplyIsCommittedAtOnce() {
        long[] seen = new long[2];
        DefaultUnitOfWork.startAndGet(events(Put.of("alice", 5)).get(0)).execute(() -> {
            perBatch.apply(state -> state.add(Put.of("alice", 5)));
            seen[0] = committedRows();
            perBatch.apply(state -> state.add(Put.of("bob", 3)));
            seen[1] = committedRows();
        });

        assertThat(seen).containsExactly(1, 2);
        assertThat(states).hasSize(2);
        assertThat(writes).containsExactlyElementsOf(states);
    }

    @Test
    void withoutAUnitOfWorkEachApplyWritesAtOnce() {
        perBatch.apply(state -> state.add(Put.of("alice", 5)));
        assertThat(committedRows()).isEqualTo(1);
        perBatch.apply(state -> state.add(Put.of("bob", 3)));
        assertThat(committedRows()).isEqualTo(2);

        assertThatThrownBy(() -> perBatch.apply(state -> state.add(Put.of(REFUSED, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> perBatch.apply(state -> state.add(Put.of("carol", -1))))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(states).hasSize(4);
        assertThat(writes).containsExactly(states.get(0), states.get(1), states.get(3));
        assertThat(states).allSatisfy(state -> assertThat(state.preloads).isEmpty());
        assertThat(holdings()).containsExactly(Map.entry("alice", 5L), Map.entry("bob", 3L));
    }

    // --- helpers ---

    private static List<EventMessage<?>> events(Put... puts) {
        return Arrays.stream(puts).<EventMessage<?>>map(GenericEventMessage::new).toList();
    }

    /** The same event read again: a new message with the same identifier. */
    private static EventMessage<?> copyOf(EventMessage<?> message) {
        return new GenericEventMessage<>(message.getIdentifier(), message.getPayload(), message.getMetaData(),
                message.getTimestamp());
    }

    /** A processor's batch: in a transaction, each message handled in turn, as an event handler invoker would. */
    private ResultMessage<?> runBatch(List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.attachTransaction(transactions);
        return batch.executeWithResult(() -> {
            handle(batch.getMessage());
            return null;
        });
    }

    /** The projection's handler, called as the dead-lettering invoker calls it: a failure is caught and parked. */
    private void handle(EventMessage<?> message) {
        Put put = (Put) message.getPayload();
        try {
            perBatch.apply(state -> state.add(put));
        } catch (RuntimeException failure) {
            deadLetters.put(message.getIdentifier(), failure);
        }
    }

    /** The rows of holding as the current transaction (if any) sees them. */
    private long rows() {
        return ReadModelDatabase.rows(jdbc, "holding");
    }

    /** The rows of holding as another connection sees them: committed ones only. */
    private long committedRows() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM holding")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** The committed holdings, holder to available units, by holder. */
    private Map<String, Long> holdings() {
        Map<String, Long> holdings = new LinkedHashMap<>();
        jdbc.query("SELECT holder_id, available FROM holding ORDER BY holder_id",
                row -> {
                    holdings.put(row.getString("holder_id"), row.getLong("available"));
                });
        return holdings;
    }
}
