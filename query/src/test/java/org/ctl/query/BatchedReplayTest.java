package org.ctl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.query.Events.burned;
import static org.ctl.query.Events.claim;
import static org.ctl.query.Events.collateralPrice;
import static org.ctl.query.Events.computePrice;
import static org.ctl.query.Events.flagged;
import static org.ctl.query.Events.issued;
import static org.ctl.query.Events.pledged;
import static org.ctl.query.Events.released;
import static org.ctl.query.Events.seized;
import static org.ctl.query.Events.transferred;
import static org.ctl.query.Events.verified;
import static org.ctl.query.Events.woundUp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.shared.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The projections fold a streaming processor's batch in memory and write it once when the batch commits
 * ({@link org.ctl.query.shared.PerBatch}): whatever the batch size, and however often a batch holds the same event,
 * the read models must be exactly those that delivering the same history one event at a time builds.
 */
class BatchedReplayTest {

    /** Every read-model table of the three groups, with the order of its primary key. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("series_summary", "token_id");
        TABLES.put("market_price", "kind, unit");
        TABLES.put("balance_series", "token_id");
        TABLES.put("holding", "token_id, holder_id");
        TABLES.put("provenance_entry", "token_id, sequence_number");
        TABLES.put("provenance_party", "holder_id, token_id, sequence_number");
    }

    /**
     * Four series under every policy, traded, pledged, released, seized, burned and priced, a holding that empties
     * and fills again, and three flags: S2 made worthless, S3 wound up, S1 flagged and wound up last; S4 never
     * verified. Delivered event by event, as {@link Ledger#record} delivers.
     */
    static Ledger richHistory() {
        Ledger ledger = new Ledger();
        ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                GovernancePolicy.HYBRID));
        ledger.record("issuer", issued("S2", "issuer", "A100-GPU-HOUR", 100, "0.50", "C2", 40, "2.00",
                GovernancePolicy.HARD_STOP));
        ledger.record("oracle", verified("S1", "oracle"));
        ledger.record("issuer", issued("S3", "issuer", "H100-GPU-HOUR", 10, "1.00", "C3", 8, "0.20",
                GovernancePolicy.GRACEFUL_EXIT));
        ledger.record("oracle", verified("S2", "oracle"));
        ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
        ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
        ledger.record("alice", transferred("S1", "T2", "alice", "bob", 2));
        ledger.record("issuer", transferred("S2", "T3", "issuer", "alice", 30));
        ledger.record("oracle", verified("S3", "oracle"));
        ledger.record("alice", pledged("S1", "P1", "alice", "carol", 3));
        ledger.record("oracle", collateralPrice("QUBIT", "PQ1", "oracle", "0.50"));
        ledger.record("carol", released("S1", "P1", "alice", "carol", 3));
        ledger.record("bob", pledged("S1", "P2", "bob", "carol", 1));
        ledger.record("carol", seized("S1", "P2", "bob", "carol", 1));
        // bob's holding of S1 empties (deleted) and fills again.
        ledger.record("bob", transferred("S1", "T4", "bob", "dave", 1));
        ledger.record("dave", transferred("S1", "T5", "dave", "bob", 1));
        ledger.record("issuer", transferred("S3", "T6", "issuer", "alice", 6));
        ledger.record("alice", pledged("S3", "P4", "alice", "bob", 2));
        ledger.record("alice", pledged("S1", "P3", "alice", "carol", 1));
        ledger.record("alice", burned("S1", "B1", "alice", 2, "compute redeemed"));
        ledger.record("oracle", computePrice("A100-GPU-HOUR", "PX2", "oracle", "0.75"));
        ledger.record("alice", transferred("S2", "T7", "alice", "erin", 10));
        ledger.record("erin", burned("S2", "B2", "erin", 4, "redeemed"));
        ledger.record("issuer", issued("S4", "issuer", "B200-GPU-HOUR", 20, "3.00", "C4", 10, "1.00",
                GovernancePolicy.HYBRID));
        ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX3", "oracle", "2.50"));
        ledger.record("oracle", flagged("S2", "F2", "oracle", Verdict.DISPUTED, "GPUs not found",
                GovernancePolicy.HARD_STOP));
        ledger.record("oracle", flagged("S3", "F3", "oracle", Verdict.DISPUTED, "audit pending",
                GovernancePolicy.GRACEFUL_EXIT));
        ledger.record("oracle", woundUp("S3", "F3", List.of("P4"), 10, "0.50", "4.00",
                claim("alice", 6, "2.40"), claim("issuer", 4, "1.60")));
        ledger.record("oracle", collateralPrice("QUBIT", "PQ2", "oracle", "0.60"));
        ledger.record("carol", transferred("S1", "T8", "carol", "frank", 1));
        ledger.record("carol", released("S1", "P3", "alice", "carol", 1));
        ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "audit pending",
                GovernancePolicy.HYBRID));
        ledger.record("oracle", woundUp("S1", "F1", List.of(), 8, "0.60", "4.80",
                claim("alice", 2, "1.20"), claim("bob", 1, "0.60"), claim("frank", 1, "0.60"),
                claim("issuer", 4, "2.40")));
        ledger.record("issuer", transferred("S4", "T9", "issuer", "gina", 5));
        return ledger;
    }

    @Test
    void theHistoryTouchesEveryTable() {
        Map<String, List<Map<String, Object>>> tables = readModels(richHistory());

        assertThat(tables).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 7, 1000})
    void aReplayInBatchesBuildsExactlyTheReadModelsOfTheEventByEventDelivery(int batchSize) {
        Ledger ledger = richHistory();
        Map<String, List<Map<String, Object>>> eventByEvent = readModels(ledger);

        ledger.replayInBatches(batchSize);

        assertSameReadModels(readModels(ledger), eventByEvent);
    }

    @Test
    void aBatchHoldingEventsAlreadyAppliedAndEachOfThemTwiceChangesNothing() {
        Ledger ledger = richHistory();
        Map<String, List<Map<String, Object>>> before = readModels(ledger);
        List<EventMessage<?>> history = new ArrayList<>(ledger.history());

        List<EventMessage<?>> twice = new ArrayList<>(history);
        twice.addAll(history);
        ledger.deliverInBatch(twice);

        assertSameReadModels(readModels(ledger), before);

        List<EventMessage<?>> tailTwiceEach = new ArrayList<>();
        for (EventMessage<?> message : history.subList(history.size() - 12, history.size())) {
            tailTwiceEach.add(message);
            tailTwiceEach.add(message);
        }
        ledger.deliverInBatch(tailTwiceEach);

        assertSameReadModels(readModels(ledger), before);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 7, 1000})
    void aReplayWhoseBatchesHoldEachEventTwiceBuildsTheSameReadModels(int batchSize) {
        Ledger ledger = richHistory();
        Map<String, List<Map<String, Object>>> eventByEvent = readModels(ledger);
        List<EventMessage<?>> replayed = ledger.replayedHistory();

        ledger.reset();
        for (int from = 0; from < replayed.size(); from += batchSize) {
            List<EventMessage<?>> batch = replayed.subList(from, Math.min(from + batchSize, replayed.size()));
            List<EventMessage<?>> redelivered = new ArrayList<>(batch);
            redelivered.addAll(batch);
            ledger.deliverInBatch(redelivered);
        }

        assertSameReadModels(readModels(ledger), eventByEvent);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {3, 7})
    void aReplayWhoseBatchesOverlapTheOnesBeforeBuildsTheSameReadModels(int batchSize) {
        // As a processor that handled a batch but failed to store its token reads part of it again.
        Ledger ledger = richHistory();
        Map<String, List<Map<String, Object>>> eventByEvent = readModels(ledger);
        List<EventMessage<?>> replayed = ledger.replayedHistory();

        ledger.reset();
        int step = Math.max(1, batchSize - 2);
        for (int from = 0; from < replayed.size(); from += step) {
            ledger.deliverInBatch(replayed.subList(from, Math.min(from + batchSize, replayed.size())));
        }

        assertSameReadModels(readModels(ledger), eventByEvent);
    }

    // --- helpers ---

    /** Every table's full contents, ordered by primary key. */
    static Map<String, List<Map<String, Object>>> readModels(Ledger ledger) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> tables.put(table,
                ledger.jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + key)));
        return tables;
    }

    /**
     * Live (not replayed) events in one batch: the subscribers of live collateralization hear each changed series
     * only after the batch committed, with the batch's final state (here the price published after the burn).
     */
    @Test
    void aLiveBatchTellsItsSubscribersOnlyAfterItCommitted() {
        Ledger recorded = richHistory();
        Ledger live = new Ledger();

        live.deliverInBatch(recorded.history());

        assertThat(live.updates.received()).isNotEmpty();
        assertThat(live.updates.phases()).containsOnly("AFTER_COMMIT");
        Map<Object, Object> lastHeard = new LinkedHashMap<>();
        live.updates.received().forEach(update -> lastHeard.put(((CollateralizationView) update).tokenId(), update));
        live.collateralization(Page.FIRST).stream().filter(view -> lastHeard.containsKey(view.tokenId()))
                .forEach(view -> assertThat(lastHeard.get(view.tokenId())).isEqualTo(view));
    }

    private static void assertSameReadModels(Map<String, List<Map<String, Object>>> actual,
                                             Map<String, List<Map<String, Object>>> expected) {
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as(table).containsExactlyElementsOf(rows));
    }
}
