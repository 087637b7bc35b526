package org.ctl.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.infra.audit.chain.ChainVerification;
import org.ctl.infra.audit.chain.ChainVerifier;
import org.ctl.infra.audit.chain.DigestCheck;
import org.ctl.infra.audit.chain.LedgerChainer;
import org.ctl.infra.audit.chain.LedgerDigest;
import org.ctl.infra.audit.chain.LedgerDigests;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.principal.ActingAs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Digests kept by an outside auditor stay valid while the ledger grows and fail once history up to them changes;
 * the chainer waits at a missing global index; and the projections' reset and replay never touch the chain.
 */
@SpringBootTest(properties = {"ctl.data-dir=${java.io.tmpdir}/ctl-chain-digest-${random.uuid}",
        // long enough that no missing index is given up during the test
        "ctl.audit.chain.gap-timeout=1h"})
class LedgerDigestTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    LedgerChainer chainer;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    LedgerDigests digests;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    JdbcTemplate jdbc;

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    private static String series() {
        return "D-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void someHistory(String series) {
        as("issuer", issue(series, 100, "C-" + series, GovernancePolicy.HYBRID));
        as("oracle", verify(series));
        as("issuer", transfer(series, series + "-t1", "issuer", "alice", 30));
        as("alice", transfer(series, series + "-t2", "alice", "bob", 10));
    }

    private DigestCheck check(LedgerDigest digest) {
        return digests.check(digest.globalIndex(), HexFormat.of().parseHex(digest.hash()));
    }

    @Test
    void aDigestKeptEarlierVerifiesAgainstTheGrownLedgerUntilHistoryUpToItChanges() {
        EventTable table = new EventTable(jdbc);
        String early = series();
        someHistory(early);
        chainer.chainAvailable();
        LedgerDigest kept = digests.current();
        assertThat(kept.globalIndex()).isEqualTo(table.head());
        assertThat(kept.hash()).hasSize(64);

        String later = series();
        someHistory(later);
        as("alice", transfer(early, early + "-t3", "alice", "carol", 5));
        chainer.chainAvailable();
        LedgerDigest today = digests.current();
        assertThat(today.globalIndex()).isEqualTo(kept.globalIndex() + 5);
        assertThat(today.hash()).isNotEqualTo(kept.hash());

        DigestCheck old = check(kept);
        assertThat(old.matches()).as(old.detail()).isTrue();
        assertThat(old.computedHash()).isEqualTo(kept.hash());
        assertThat(check(today).matches()).isTrue();

        // an edit before the kept digest fails both digests
        long before = table.globalIndexOf(early, 2);
        byte[] original = table.payload(before);
        table.setPayload(before, new String(original, StandardCharsets.UTF_8).replace("30", "31")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(check(kept).matches()).isFalse();
        assertThat(check(kept).computedHash()).isNotEqualTo(kept.hash());
        assertThat(check(today).matches()).isFalse();
        table.setPayload(before, original);
        assertThat(check(kept).matches()).isTrue();

        // an edit after the kept digest leaves it valid, and fails today's
        long after = table.globalIndexOf(later, 1);
        Map<String, Object> row = table.row(EventTable.EVENTS, after);
        table.set(EventTable.EVENTS, "time_stamp", "2030-01-01T00:00:00Z", after);
        assertThat(check(kept).matches()).isTrue();
        assertThat(check(today).matches()).isFalse();
        table.set(EventTable.EVENTS, "time_stamp", row.get("TIME_STAMP"), after);

        // removing the newest events (with their links) fails today's digest, naming the truncation
        Map<String, Object> newest = table.row(EventTable.EVENTS, today.globalIndex());
        Map<String, Object> newestLink = table.row(EventTable.LINKS, today.globalIndex());
        table.delete(EventTable.EVENTS, today.globalIndex());
        table.delete(EventTable.LINKS, today.globalIndex());
        assertThat(verifier.verify().ok()).as("the chain table alone cannot see a truncated tail").isTrue();
        DigestCheck truncated = check(today);
        assertThat(truncated.matches()).isFalse();
        assertThat(truncated.detail()).contains("ends at global index " + (today.globalIndex() - 1));
        assertThat(check(kept).matches()).isTrue();
        // the link first: a row above the chained head would be chained afresh by the chainer's thread
        table.insert(EventTable.LINKS, newestLink);
        table.insert(EventTable.EVENTS, newest);

        assertThat(check(kept).matches()).isTrue();
        assertThat(check(today).matches()).isTrue();
        assertThat(verifier.verify().ok()).isTrue();
        assertThat(digests.check(today.globalIndex(), new byte[32]).matches()).isFalse();
    }

    @Test
    void theChainerWaitsAtAMissingGlobalIndexAndChainsTheLateEventInOrder() {
        EventTable table = new EventTable(jdbc);
        someHistory(series());
        chainer.chainAvailable();
        long skipped = table.skipNextGlobalIndex();
        someHistory(series());
        chainer.chainAvailable();

        ChainVerification waiting = verifier.verify();
        assertThat(waiting.ok()).isTrue();
        assertThat(waiting.chainedHead().globalIndex()).isEqualTo(skipped - 1);
        assertThat(waiting.unchainedTail().events()).isEqualTo(4);
        assertThat(waiting.unchainedTail().fromGlobalIndex()).isEqualTo(skipped + 1);
        assertThat(waiting.unchainedTail().toGlobalIndex()).isEqualTo(skipped + 4);

        // the transaction that held the missing index commits late: its event is chained in its place
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("GLOBAL_INDEX", skipped);
        late.put("EVENT_IDENTIFIER", UUID.randomUUID().toString());
        late.put("AGGREGATE_IDENTIFIER", "late-" + UUID.randomUUID());
        late.put("SEQUENCE_NUMBER", 0L);
        late.put("TYPE", "LateAggregate");
        late.put("TIME_STAMP", "2026-01-01T00:00:00Z");
        late.put("PAYLOAD_TYPE", "org.ctl.infra.audit.LateEventNobodyHandles");
        late.put("PAYLOAD", "{}".getBytes(StandardCharsets.UTF_8));
        table.insert(EventTable.EVENTS, late);
        chainer.chainAvailable();

        ChainVerification chained = verifier.verify();
        assertThat(chained.ok()).isTrue();
        assertThat(chained.chainedHead().globalIndex()).isEqualTo(skipped + 4);
        assertThat(chained.unchainedTail().events()).isZero();
        assertThat(jdbc.queryForObject("SELECT ledger_position FROM audit_chain_link WHERE global_index = ?",
                Long.class, skipped)).isEqualTo(jdbc.queryForObject(
                "SELECT ledger_position + 1 FROM audit_chain_link WHERE global_index = ?", Long.class, skipped - 1));
    }

    @Test
    void resettingAndReplayingEveryProjectionLeavesTheChainUntouched() {
        someHistory(series());
        chainer.chainAvailable();
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM audit_chain_link ORDER BY global_index");
        long head = new EventTable(jdbc).head();
        assertThat(before).isNotEmpty();

        // Every processor that can be reset at all (a saga's processor, e.g. the loans', cannot).
        List<String> groups = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset).map(processor -> processor.getName()).toList();
        assertThat(groups).isNotEmpty().noneMatch(name -> name.contains("chain") || name.contains("audit"));
        for (String group : groups) {
            StreamingEventProcessor processor = processing
                    .eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.stream()
                .allMatch(group -> progress.position(group) >= head));
        chainer.chainAvailable();

        assertThat(jdbc.queryForList("SELECT * FROM audit_chain_link ORDER BY global_index"))
                .usingRecursiveComparison().isEqualTo(before);
        assertThat(verifier.verify().ok()).isTrue();
    }
}
