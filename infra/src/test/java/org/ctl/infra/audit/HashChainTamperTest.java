package org.ctl.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.infra.audit.chain.BreakKind;
import org.ctl.infra.audit.chain.ChainBreak;
import org.ctl.infra.audit.chain.ChainVerification;
import org.ctl.infra.audit.chain.ChainVerifier;
import org.ctl.infra.audit.chain.LedgerChainer;
import org.ctl.infra.principal.ActingAs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows of the H2 event table edited, deleted, inserted and reordered with plain JDBC behind the ledger's back: each
 * makes the audit fail at exactly that event, in the ledger chain and in the series chain, and the audit passes again
 * once the row is put back. An untouched ledger passes.
 */
@SpringBootTest(properties = {"ctl.data-dir=${java.io.tmpdir}/ctl-chain-tamper-${random.uuid}",
        // no concurrent commands here: a missing global index is one this test skipped on purpose
        "ctl.audit.chain.gap-timeout=0s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HashChainTamperTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    LedgerChainer chainer;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;

    EventTable table;
    long events;
    /** A global index no event was ever stored at (as after a rolled-back transaction). */
    long skipped;

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    @BeforeAll
    void history() {
        table = new EventTable(jdbc);
        as("issuer", issue("A", 1_000, "C-A", GovernancePolicy.HYBRID));
        as("oracle", verify("A"));
        as("issuer", transfer("A", "a-t1", "issuer", "alice", 300));
        as("alice", transfer("A", "a-t2", "alice", "bob", 100));
        as("issuer", issue("B", 500, "C-B", GovernancePolicy.HARD_STOP));
        as("alice", pledge("A", "a-p1", "alice", "carol", 50));
        as("oracle", verify("B"));
        as("bob", burn("A", "a-b1", "bob", 10));
        as("issuer", transfer("B", "b-t1", "issuer", "bob", 200));
        as("oracle", collateralPrice("px-1", "0.35"));
        skipped = table.skipNextGlobalIndex();
        as("issuer", transfer("A", "a-t3", "issuer", "carol", 5));
        as("bob", transfer("B", "b-t2", "bob", "alice", 20));
        as("alice", transfer("A", "a-t4", "alice", "bob", 7));
        chainer.chainAvailable();
        events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    @AfterEach
    void putBackLeavesAnIntactChain() {
        assertIntact(verifier.verify());
    }

    private void assertIntact(ChainVerification verification) {
        assertThat(verification.ledgerBreak()).as("ledger break").isNull();
        assertThat(verification.seriesBreak()).as("series break").isNull();
        assertThat(verification.status()).isEqualTo(ChainVerification.OK);
        assertThat(verification.verifiedEvents()).isEqualTo(events);
        assertThat(verification.unchainedTail().events()).isZero();
        assertThat(verification.chainedHead().globalIndex()).isEqualTo(table.head());
        assertThat(verification.chainedHead().ledgerPosition()).isEqualTo(events - 1);
    }

    private static void assertBreak(ChainBreak found, String chain, BreakKind kind, long globalIndex,
                                    String aggregate, long sequence) {
        assertThat(found).as("%s break", chain).isNotNull();
        assertThat(found.chain()).isEqualTo(chain);
        assertThat(found.kind()).as(found.detail()).isEqualTo(kind);
        assertThat(found.globalIndex()).as(found.detail()).isEqualTo(globalIndex);
        assertThat(found.aggregateIdentifier()).isEqualTo(aggregate);
        assertThat(found.sequenceNumber()).isEqualTo(sequence);
    }

    @Test
    void anUntouchedLedgerPasses() {
        ChainVerification verification = verifier.verify();
        assertIntact(verification);
        assertThat(verification.series()).isEqualTo(3);  // A, B and the collateral price feed
        assertThat(events).isEqualTo(13);
        assertThat(table.head()).as("the skipped index is a gap the chain went past").isEqualTo(events);
    }

    @Test
    void oneFlippedPayloadByteBreaksBothChainsAtThatEvent() {
        long at = table.globalIndexOf("A", 3);
        byte[] original = table.payload(at);
        byte[] edited = original.clone();
        String text = new String(original, StandardCharsets.UTF_8);
        int digit = text.indexOf("100");
        assertThat(digit).as("the transfer's amount in %s", text).isPositive();
        edited[digit] = '9';
        table.setPayload(at, edited);

        ChainVerification verification = verifier.verify();
        assertThat(verification.status()).isEqualTo(ChainVerification.BROKEN);
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.EDITED, at, "A", 3);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.EDITED, at, "A", 3);
        assertThat(verification.ledgerBreak().expectedHash()).isNotNull()
                .isNotEqualTo(verification.ledgerBreak().foundHash());
        assertThat(verification.brokenSeries()).isEqualTo(1);

        table.setPayload(at, original);
    }

    @Test
    void anEditedTimestampOrPrincipalBreaksAtThatEvent() {
        long at = table.globalIndexOf("B", 2);
        Map<String, Object> original = table.row(EventTable.EVENTS, at);
        table.set(EventTable.EVENTS, "time_stamp", "2020-01-01T00:00:00Z", at);
        assertBreak(verifier.verify().ledgerBreak(), ChainBreak.LEDGER, BreakKind.EDITED, at, "B", 2);
        table.set(EventTable.EVENTS, "time_stamp", original.get("TIME_STAMP"), at);
        assertIntact(verifier.verify());

        byte[] metaData = (byte[]) original.get("META_DATA");
        String principal = new String(metaData, StandardCharsets.UTF_8);
        assertThat(principal).contains("issuer");
        table.set(EventTable.EVENTS, "meta_data",
                principal.replace("issuer", "oracle").getBytes(StandardCharsets.UTF_8), at);
        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.EDITED, at, "B", 2);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.EDITED, at, "B", 2);
        table.set(EventTable.EVENTS, "meta_data", metaData, at);
    }

    @Test
    void aDeletedRowBreaksBothChainsAtThatEvent() {
        long at = table.globalIndexOf("A", 4);
        Map<String, Object> original = table.row(EventTable.EVENTS, at);
        table.delete(EventTable.EVENTS, at);

        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.DELETED, at, "A", 4);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.DELETED, at, "A", 4);
        assertThat(verification.ledgerBreak().foundHash()).isNull();
        assertThat(verification.ledgerBreak().eventIdentifier()).isEqualTo(original.get("EVENT_IDENTIFIER"));

        table.insert(EventTable.EVENTS, original);
    }

    @Test
    void aRowDeletedTogetherWithItsLinkBreaksAtTheNextEvent() {
        long at = table.globalIndexOf("A", 2);
        Map<String, Object> event = table.row(EventTable.EVENTS, at);
        Map<String, Object> link = table.row(EventTable.LINKS, at);
        table.delete(EventTable.EVENTS, at);
        table.delete(EventTable.LINKS, at);

        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.DELETED, at + 1, "A", 3);
        assertThat(verification.ledgerBreak().detail()).contains("1 chained event(s) before global index " + (at + 1));
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.DELETED, at + 1, "A", 3);

        table.insert(EventTable.EVENTS, event);
        table.insert(EventTable.LINKS, link);
    }

    @Test
    void aForgedRowInsertedIntoTheHistoryBreaksAtThatRow() {
        long forgedSequence = table.maxSequence("B") + 1;
        Map<String, Object> forged = new LinkedHashMap<>(table.row(EventTable.EVENTS, table.globalIndexOf("B", 2)));
        forged.put("GLOBAL_INDEX", skipped);
        forged.put("EVENT_IDENTIFIER", UUID.randomUUID().toString());
        forged.put("SEQUENCE_NUMBER", forgedSequence);
        forged.put("PAYLOAD", new String((byte[]) forged.get("PAYLOAD"), StandardCharsets.UTF_8)
                .replace("200", "400").getBytes(StandardCharsets.UTF_8));
        table.insert(EventTable.EVENTS, forged);

        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.INSERTED, skipped, "B", forgedSequence);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.INSERTED, skipped, "B", forgedSequence);
        assertThat(verification.ledgerBreak().expectedHash()).isNull();
        assertThat(verification.verifiedEvents()).isEqualTo(events + 1);

        table.delete(EventTable.EVENTS, skipped);
    }

    @Test
    void twoRowsSwappedInTheLedgerBreakAtTheFirstOfThem() {
        long first = table.globalIndexOf("A", 2);
        long second = table.globalIndexOf("B", 1);
        assertThat(first).isLessThan(second);
        String movedThere = table.eventIdentifier(second);
        table.swapGlobalIndexes(first, second);

        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.REORDERED, first, "B", 1);
        assertThat(verification.ledgerBreak().eventIdentifier()).isEqualTo(movedThere);
        assertThat(verification.ledgerBreak().detail()).contains("chained at global index " + second);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.REORDERED, first, "B", 1);
        assertThat(verification.brokenSeries()).isEqualTo(2);

        table.swapGlobalIndexes(first, second);
    }

    @Test
    void twoEventsOfASeriesSwappedInSequenceBreakAtTheFirstOfThem() {
        long first = table.globalIndexOf("A", 3);
        table.swapSequences("A", 3, 4);

        ChainVerification verification = verifier.verify();
        assertBreak(verification.ledgerBreak(), ChainBreak.LEDGER, BreakKind.REORDERED, first, "A", 4);
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.REORDERED, first, "A", 4);

        table.swapSequences("A", 3, 4);
    }

    @Test
    void anEditedChainHashIsNamedAsAnAlteredChain() {
        long at = table.globalIndexOf("B", 1);
        byte[] original = (byte[]) table.row(EventTable.LINKS, at).get("SERIES_HASH");
        table.set(EventTable.LINKS, "series_hash", new byte[32], at);

        ChainVerification verification = verifier.verify();
        assertThat(verification.ledgerBreak()).isNull();
        assertBreak(verification.seriesBreak(), ChainBreak.SERIES, BreakKind.CHAIN_ALTERED, at, "B", 1);
        assertThat(verification.seriesBreak().foundHash()).isEqualTo("0".repeat(64));

        table.set(EventTable.LINKS, "series_hash", original, at);
    }
}
