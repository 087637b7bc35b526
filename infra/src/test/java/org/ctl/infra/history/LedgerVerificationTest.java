package org.ctl.infra.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.flag;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.history.InvariantBreach;
import org.ctl.domain.history.LedgerInvariant;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.axon.SerializerConfiguration;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The independent verification: a clean ledger passes; a read-model row edited behind the projections' back is
 * reported with its exact series, holder, expected and found values; an event forged into the event table (plain
 * JDBC, serialized as the real ones are) that breaks an invariant is reported at its global position.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-verification-${random.uuid}")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerVerificationTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    LedgerVerification verification;
    @Autowired
    JdbcTemplate jdbc;

    static boolean written;

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    @BeforeEach
    void history() {
        if (written) {
            return;
        }
        written = true;
        as("issuer", issue("V1", 1_000, "C-V1", GovernancePolicy.HYBRID));
        as("oracle", verify("V1"));
        as("issuer", transfer("V1", "t1", "issuer", "alice", 300));
        as("alice", transfer("V1", "t2", "alice", "bob", 100));
        as("alice", pledge("V1", "p1", "alice", "carol", 50));
        as("bob", burn("V1", "b1", "bob", 10));
        as("issuer", issue("V2", 500, "C-V2", GovernancePolicy.GRACEFUL_EXIT));
        as("oracle", verify("V2"));
        as("issuer", transfer("V2", "t3", "issuer", "bob", 200));
        as("bob", pledge("V2", "p2", "bob", "alice", 20));
        as("oracle", collateralPrice("px-1", "0.35"));
        as("oracle", flag("V2", "f2", Verdict.DISPUTED));
        as("issuer", issue("V3", 100, "C-V3", GovernancePolicy.HARD_STOP));
    }

    HttpLedgerClient auditor() {
        return HttpLedgerClient.as(port, "auditor");
    }

    @Test
    @Order(1)
    void aCleanLedgerPasses() {
        Answer answer = auditor().get("/api/audit/verification");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("passed").asBoolean()).as(answer.text()).isTrue();
        assertThat(report.get("breaches")).isEmpty();
        assertThat(report.get("differences")).isEmpty();
        assertThat(report.get("seriesChecked").asInt()).isEqualTo(3);
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(head() + 1);
        assertThat(report.get("head").asLong()).isEqualTo(head());

        assertThat(HttpLedgerClient.as(port, "alice").get("/api/audit/verification").status()).isEqualTo(403);
        assertThat(HttpLedgerClient.as(port, "oracle").get("/api/audit/verification").status()).isEqualTo(403);
        assertThat(HttpLedgerClient.anonymous(port).get("/api/audit/verification").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void readModelRowsEditedBehindTheProjectionsBackAreReportedExactly() {
        jdbc.update("UPDATE holding SET available = available + 7 WHERE token_id = 'V1' AND holder_id = 'alice'");
        jdbc.update("DELETE FROM holding WHERE token_id = 'V1' AND holder_id = 'bob'");
        jdbc.update("UPDATE provenance_entry SET amount = 301 WHERE token_id = 'V1' AND sequence_number = 2");
        jdbc.update("UPDATE market_price SET price = 0.36 WHERE kind = 'COLLATERAL' AND unit = 'QUBIT'");

        VerificationReport report = verification.verify();

        assertThat(report.passed()).isFalse();
        assertThat(report.breaches()).isEmpty();
        assertThat(report.differences()).containsExactlyInAnyOrder(
                new Difference("holding", "V1", "alice", "available", "150", "157"),
                new Difference("holding", "V1", "bob", "row", "present", null),
                new Difference("provenance_entry", "V1", null, "sequence 2 amount", "300", "301"),
                new Difference("market_price", "COLLATERAL:QUBIT", null, "price", "0.35", "0.36"));
        assertThat(report.differenceCount()).isEqualTo(4);

        jdbc.update("UPDATE holding SET available = available - 7 WHERE token_id = 'V1' AND holder_id = 'alice'");
        jdbc.update("INSERT INTO holding (token_id, holder_id, available, pledged) VALUES ('V1', 'bob', 90, 0)");
        jdbc.update("UPDATE provenance_entry SET amount = 300 WHERE token_id = 'V1' AND sequence_number = 2");
        jdbc.update("UPDATE market_price SET price = 0.35 WHERE kind = 'COLLATERAL' AND unit = 'QUBIT'");
        assertThat(verification.verify().passed()).isTrue();
    }

    @Test
    @Order(3)
    void forgedEventsThatBreakAnInvariantAreReportedAtTheirPositions() throws Exception {
        // bob holds 90 units of V1: a transfer of 5,000 drives his balance below zero.
        long overdraft = forge("V1", new UnitsTransferred(TokenId.of("V1"), CommandId.of("forged-1"),
                HolderId.of("bob"), HolderId.of("alice"), Units.of(5_000)));
        // V3 was never verified: no unit of it may move.
        long unverified = forge("V3", new UnitsTransferred(TokenId.of("V3"), CommandId.of("forged-2"),
                HolderId.of("issuer"), HolderId.of("alice"), Units.of(10)));

        Answer answer = auditor().get("/api/audit/verification");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("passed").asBoolean()).isFalse();

        VerificationReport report = verification.verify();
        assertThat(report.passed()).isFalse();
        assertThat(report.breaches()).extracting(InvariantBreach::position, InvariantBreach::stream,
                        InvariantBreach::sequence, InvariantBreach::invariant)
                .containsExactly(
                        tuple(overdraft, "V1", 6L, LedgerInvariant.NO_NEGATIVE_BALANCE),
                        tuple(unverified, "V3", 1L, LedgerInvariant.MOVES_ONLY_WHILE_ACTIVE));
        assertThat(report.breaches().get(0).detail()).contains("bob has available -4910");
        assertThat(answer.json().get("breaches").get(0).get("position").asLong()).isEqualTo(overdraft);
    }

    /**
     * Appends an event to a series' stream behind the aggregate's back: plain JDBC, the payload serialized by the
     * ledger's own storage mapper, type, revision and metadata copied from the stream's last real row.
     *
     * @return its global index
     */
    private long forge(String series, Object payload) throws Exception {
        Map<String, Object> last = jdbc.queryForMap("""
                SELECT sequence_number, type, payload_revision, meta_data FROM domain_event_entry
                 WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", series);
        byte[] bytes = SerializerConfiguration.storageObjectMapper().writeValueAsBytes(payload);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"global_index"});
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, series);
            insert.setLong(3, ((Number) last.get("sequence_number")).longValue() + 1);
            insert.setString(4, (String) last.get("type"));
            insert.setString(5, DateTimeUtils.formatInstant(Instant.now()));
            insert.setString(6, payload.getClass().getName());
            insert.setString(7, (String) last.get("payload_revision"));
            insert.setBytes(8, bytes);
            insert.setBytes(9, (byte[]) last.get("meta_data"));
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    private long head() {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
    }

}
