package org.ctl.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.http.Projections;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.projection.DeadLetterRetry;
import org.ctl.infra.projection.ProjectionMetrics;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.ctl.infra.support.ReadModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A poison event: a projection handler that fails on one event, on the real application. The failing event and
 * the later events of its series are parked in the group's dead-letter queue, the processor keeps running and
 * the other series keep flowing, nothing is lost, health and metrics show the parked events; after the fix a
 * retry applies them, and the read models then equal a fresh replay of the whole event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-poison-${random.uuid}")
class PoisonEventTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeadLetterRetry deadLetterRetry;

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    HttpLedgerClient auditor() {
        return HttpLedgerClient.as(port, "auditor");
    }

    @AfterEach
    void removeThePoison() {
        jdbc.execute("ALTER TABLE provenance_entry DROP CONSTRAINT IF EXISTS ck_poison");
        jdbc.execute("ALTER TABLE holding DROP CONSTRAINT IF EXISTS ck_poison_holder");
    }

    @Test
    void parksThePoisonedSeriesKeepsTheOthersFlowingAndCatchesUpAfterTheFixAndARetry() {
        // Behind the projection's back: the provenance of transfer 'poison-1' can no longer be stored.
        jdbc.execute("ALTER TABLE provenance_entry ADD CONSTRAINT ck_poison "
                + "CHECK (reference IS NULL OR reference <> 'poison-1')");

        as("issuer", issue("P1", 1_000, "C-P1", GovernancePolicy.HYBRID));
        as("issuer", issue("P2", 1_000, "C-P2", GovernancePolicy.HYBRID));
        as("oracle", verify("P1"));
        as("oracle", verify("P2"));
        as("issuer", transfer("P1", "p1-t1", "issuer", "alice", 300));
        as("issuer", transfer("P2", "p2-t1", "issuer", "alice", 300));
        as("issuer", transfer("P1", "poison-1", "issuer", "bob", 200));      // P1 #3: fails in provenance
        as("alice", transfer("P2", "p2-t2", "alice", "bob", 100));
        as("alice", transfer("P1", "p1-t3", "alice", "carol", 50));          // P1 #4, parked behind it
        as("alice", pledge("P2", "p2-p1", "alice", "carol", 20));
        as("bob", burn("P1", "p1-b1", "bob", 10));                           // P1 #5, parked
        as("bob", burn("P2", "p2-b1", "bob", 5));
        long head = head();
        awaitAllAt(head);

        // The processor did not stop: it runs, is not in error, and passed the poison event.
        StreamingEventProcessor provenance = processor(Projections.PROVENANCE);
        assertThat(provenance.isRunning()).isTrue();
        assertThat(provenance.isError()).isFalse();
        assertThat(progress.position(Projections.PROVENANCE)).isGreaterThanOrEqualTo(head);
        // The other series flowed: every event of P2 has its provenance entry.
        assertThat(provenanceSequences("P2")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        // The poisoned series stopped just before the poison event, and its later events are parked with it.
        assertThat(provenanceSequences("P1")).containsExactly(0L, 1L, 2L);
        assertThat(parkedEventIds(Projections.PROVENANCE)).containsExactlyElementsOf(eventIds("P1").subList(3, 6));
        assertThat(deadLetters(Projections.PROVENANCE)).isEqualTo(3);
        assertThat(processing.deadLetterQueue(Projections.PROVENANCE).orElseThrow().amountOfSequences()).isEqualTo(1);
        // Nothing is lost: each event of P1 is either projected or parked, in order.
        List<String> projectedOrParked = new ArrayList<>(jdbc.queryForList(
                "SELECT event_id FROM provenance_entry WHERE token_id = 'P1' ORDER BY sequence_number", String.class));
        projectedOrParked.addAll(parkedEventIds(Projections.PROVENANCE));
        assertThat(projectedOrParked).isEqualTo(eventIds("P1"));
        // The other projections were not touched by provenance's poison.
        assertThat(deadLetters(Projections.SERIES)).isZero();
        assertThat(deadLetters(Projections.BALANCES)).isZero();
        assertThat(jdbc.queryForObject("SELECT available FROM holding WHERE token_id = 'P1' AND holder_id = 'bob'",
                Long.class)).isEqualTo(190);

        // Health: DEGRADED (still 200), with the parked events in the details, for auditors.
        Answer health = auditor().get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
        JsonNode eventProcessors = health.json().path("components").path("eventProcessors");
        assertThat(eventProcessors.path("status").asText()).isEqualTo("DEGRADED");
        JsonNode provenanceHealth = eventProcessors.path("details").path(Projections.PROVENANCE);
        assertThat(provenanceHealth.path("running").asBoolean()).isTrue();
        assertThat(provenanceHealth.path("error").asBoolean()).isFalse();
        assertThat(provenanceHealth.path("caughtUp").asBoolean()).isTrue();
        assertThat(provenanceHealth.path("lag").asLong()).isZero();
        assertThat(provenanceHealth.path("deadLetters").asLong()).isEqualTo(3);
        assertThat(provenanceHealth.path("deadLetterSequences").asLong()).isEqualTo(1);
        assertThat(eventProcessors.path("details").path(Projections.SERIES).path("deadLetters").asLong()).isZero();
        assertThat(eventProcessors.path("details").path("eventStore").path("head").asLong()).isEqualTo(head);
        Answer anonymousHealth = HttpLedgerClient.anonymous(port).get("/actuator/health");
        assertThat(anonymousHealth.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(anonymousHealth.json().has("components")).as("details are for auditors only").isFalse();

        // Metrics: the gauges, in process and over HTTP.
        assertThat(gauge(ProjectionMetrics.DEAD_LETTERS, Projections.PROVENANCE)).isEqualTo(3.0);
        assertThat(gauge(ProjectionMetrics.DEAD_LETTERS, Projections.BALANCES)).isZero();
        assertThat(gauge(ProjectionMetrics.LAG, Projections.PROVENANCE)).isZero();
        Answer metric = auditor().get("/actuator/metrics/" + ProjectionMetrics.DEAD_LETTERS + "?tag=group:provenance");
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        assertThat(metric.json().path("measurements").get(0).path("value").asDouble()).isEqualTo(3.0);

        // A later event of the parked series is parked too; the processor still keeps up.
        as("alice", transfer("P1", "p1-t4", "alice", "bob", 1));
        awaitAllAt(head());
        assertThat(deadLetters(Projections.PROVENANCE)).isEqualTo(4);

        // Only auditors may retry; a retry before the fix leaves every event parked, in order.
        assertThat(HttpLedgerClient.as(port, "alice").post(retryPath(Projections.PROVENANCE)).status()).isEqualTo(403);
        assertThat(HttpLedgerClient.anonymous(port).post(retryPath(Projections.PROVENANCE)).status()).isEqualTo(401);
        assertThat(auditor().post(retryPath("no-such-group")).status()).isEqualTo(404);
        Answer tooEarly = auditor().post(retryPath(Projections.PROVENANCE));
        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(200);
        assertThat(tooEarly.json().path("retried").asLong()).isZero();
        assertThat(tooEarly.json().path("left").asLong()).isEqualTo(4);
        assertThat(parkedEventIds(Projections.PROVENANCE)).containsExactlyElementsOf(eventIds("P1").subList(3, 7));
        assertThat(provenance.isRunning()).isTrue();
        assertThat(provenance.isError()).isFalse();

        // The fix, then the operator's retry.
        jdbc.execute("ALTER TABLE provenance_entry DROP CONSTRAINT ck_poison");
        Answer retried = auditor().post(retryPath(Projections.PROVENANCE));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("group").asText()).isEqualTo(Projections.PROVENANCE);
        assertThat(retried.json().path("retried").asLong()).isEqualTo(4);
        assertThat(retried.json().path("left").asLong()).isZero();
        assertThat(deadLetters(Projections.PROVENANCE)).isZero();
        assertThat(provenanceSequences("P1")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(gauge(ProjectionMetrics.DEAD_LETTERS, Projections.PROVENANCE)).isZero();
        Answer healthy = auditor().get("/actuator/health");
        assertThat(healthy.json().path("status").asText()).as(healthy.toString()).isEqualTo("UP");
        assertThat(healthy.json().path("components").path("eventProcessors").path("details").path("deadLetters")
                .asLong()).isZero();

        assertEqualToAFreshReplay();
    }

    /**
     * A handler that fails halfway (the balances of a transfer: the sender debited, the receiver's credit refused)
     * leaves nothing behind: its writes are rolled back to the event's savepoint, so the retry applies the whole
     * event, once.
     */
    @Test
    void aHandlerThatFailsHalfwayLeavesNoTraceAndAppliesWholeOnRetry() {
        jdbc.execute("ALTER TABLE holding ADD CONSTRAINT ck_poison_holder CHECK (holder_id <> 'mallory')");

        as("issuer", issue("H1", 1_000, "C-H1", GovernancePolicy.HYBRID));
        as("oracle", verify("H1"));
        as("issuer", transfer("H1", "h1-t1", "issuer", "alice", 100));
        as("issuer", transfer("H1", "h1-t2", "issuer", "mallory", 30));    // H1 #3: the credit fails
        as("alice", transfer("H1", "h1-t3", "alice", "bob", 10));          // H1 #4, parked behind it
        awaitAllAt(head());

        assertThat(deadLetters(Projections.BALANCES)).isEqualTo(2);
        assertThat(processor(Projections.BALANCES).isError()).isFalse();
        assertThat(holdings("H1")).as("the issuer's debit of the parked transfer was rolled back")
                .isEqualTo(Map.of("issuer", 900L, "alice", 100L));
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM balance_series WHERE token_id = 'H1'", Long.class))
                .isEqualTo(2);
        // Provenance has no such constraint: it went on with every event of the series.
        assertThat(provenanceSequences("H1")).containsExactly(0L, 1L, 2L, 3L, 4L);

        jdbc.execute("ALTER TABLE holding DROP CONSTRAINT ck_poison_holder");
        DeadLetterRetry.Outcome outcome = deadLetterRetry.retryAll(Projections.BALANCES);
        assertThat(outcome.retried()).isEqualTo(2);
        assertThat(outcome.left()).isZero();
        assertThat(outcome.sequencesFixed()).isEqualTo(1);
        assertThat(holdings("H1")).isEqualTo(Map.of("issuer", 870L, "alice", 90L, "bob", 10L, "mallory", 30L));

        assertEqualToAFreshReplay();
    }

    // --- helpers ---

    private void assertEqualToAFreshReplay() {
        long head = head();
        awaitAllAt(head);
        Map<String, List<Map<String, Object>>> live = dumpReadModels();
        for (String group : ReadModels.TABLES_BY_PROJECTION.keySet()) {
            StreamingEventProcessor processor = processor(group);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitAllAt(head);
        assertThat(ReadModels.TABLES_BY_PROJECTION.keySet()).allSatisfy(group -> assertThat(deadLetters(group)).isZero());
        assertThat(dumpReadModels()).isEqualTo(live);
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
    }

    private long head() {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
    }

    private void awaitAllAt(long head) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadModels.TABLES_BY_PROJECTION.keySet().stream()
                .allMatch(group -> progress.position(group) >= head));
    }

    private long deadLetters(String group) {
        return processing.deadLetterQueue(group).orElseThrow().size();
    }

    private double gauge(String name, String group) {
        return meters.get(name).tag("group", group).gauge().value();
    }

    private static String retryPath(String group) {
        return "/api/admin/projections/" + group + "/dead-letters/retry";
    }

    private List<Long> provenanceSequences(String tokenId) {
        return jdbc.queryForList("SELECT sequence_number FROM provenance_entry WHERE token_id = ? ORDER BY 1",
                Long.class, tokenId);
    }

    private List<String> eventIds(String aggregateId) {
        return jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId);
    }

    private List<String> parkedEventIds(String group) {
        return jdbc.queryForList("SELECT event_identifier FROM dead_letter_entry WHERE processing_group = ? "
                + "ORDER BY sequence_identifier, sequence_index", String.class, group);
    }

    private Map<String, Long> holdings(String tokenId) {
        Map<String, Long> holdings = new LinkedHashMap<>();
        jdbc.queryForList("SELECT holder_id, available + pledged AS units FROM holding WHERE token_id = ?", tokenId)
                .forEach(row -> holdings.put((String) row.get("HOLDER_ID"), ((Number) row.get("UNITS")).longValue()));
        return holdings;
    }

    private Map<String, List<Map<String, Object>>> dumpReadModels() {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        ReadModels.TABLES_BY_PROJECTION.values().stream().flatMap(List::stream).sorted().forEach(table ->
                dump.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")));
        return dump;
    }
}
