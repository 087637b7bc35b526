package org.ctl.infra.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.nio.file.Path;
import java.util.Map;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.RuleCode;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Nothing is lost across a stop and a start on the same H2 file: events, balances, ids seen, collateral bound. */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void findsEveryEventAndEveryBalanceAsBeforeAfterARestart() {
        Map<String, Object> seriesEvents;
        Map<String, Object> feedEvents;
        // A snapshot every 3 events, so that the restarted ledger also loads the series from a snapshot.
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, "ctl.storage.snapshot-threshold=3")) {
            ledger.send("issuer", issue("T1", 100, "C1", GovernancePolicy.HYBRID));
            ledger.send("oracle", verify("T1"));
            ledger.send("issuer", transfer("T1", "t1", "issuer", "alice", 40));
            for (int i = 1; i <= 5; i++) {
                ledger.send("alice", transfer("T1", "a" + i, "alice", "bob", 2));
            }
            ledger.send("alice", pledge("T1", "p1", "alice", "carol", 10));
            ledger.send("bob", burn("T1", "b1", "bob", 3));
            ledger.send("oracle", collateralPrice("price-1", "0.25"));
            seriesEvents = ledger.payloadsById("T1");
            feedEvents = ledger.payloadsById("price@COLLATERAL:QUBIT");
            assertThat(ledger.events("T1")).allSatisfy(event ->
                    assertThat(event.getMetaData()).containsKey(ActingPrincipal.METADATA_KEY));
        }

        try (RunningLedger ledger = RunningLedger.start(dataDirectory, "ctl.storage.snapshot-threshold=3")) {
            assertThat(ledger.payloadsById("T1")).containsExactlyEntriesOf(seriesEvents);
            assertThat(ledger.payloadsById("price@COLLATERAL:QUBIT")).containsExactlyEntriesOf(feedEvents);
            assertThat(ledger.bean(JdbcTemplate.class)
                    .queryForObject("SELECT COUNT(*) FROM snapshot_event_entry", Integer.class)).isPositive();

            // alice: 40 in, 10 out to bob, 10 pledged: exactly 20 available. bob: 10 in, 3 burned: 7.
            assertThat(ledger.refusal("alice", transfer("T1", "a-over", "alice", "bob", 21)))
                    .isEqualTo(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            assertThat(ledger.refusal("bob", burn("T1", "b-over", "bob", 8)))
                    .isEqualTo(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            // ids accepted before the restart are still known: a repeat adds nothing, other content is refused
            int before = ledger.events("T1").size();
            ledger.send("alice", transfer("T1", "a1", "alice", "bob", 2));
            assertThat(ledger.events("T1")).hasSize(before);
            assertThat(ledger.refusal("alice", transfer("T1", "a1", "alice", "bob", 3)))
                    .isEqualTo(RuleCode.ID_REUSED_WITH_OTHER_CONTENT);
            assertThat(ledger.refusal("issuer", issue("T2", 10, "C1", GovernancePolicy.HYBRID)))
                    .isEqualTo(RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES);

            ledger.send("alice", transfer("T1", "a-all", "alice", "bob", 20));
            ledger.send("bob", burn("T1", "b-all", "bob", 7 + 20));
            assertThat(ledger.events("T1")).hasSize(before + 2);
        }
    }
}
