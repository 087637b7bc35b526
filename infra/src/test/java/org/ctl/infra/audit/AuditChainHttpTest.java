package org.ctl.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.infra.audit.chain.LedgerChainer;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit endpoints over real HTTP: the chain audit, digests kept and verified, a series' export as JSON and CSV
 * with its hashes; who may call them; and bad input. Two issuers, so that one issuer's export of the other's series
 * can be refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctl.data-dir=${java.io.tmpdir}/ctl-chain-http-${random.uuid}",
        "spring.profiles.active=audit",
        "ctl.participants.issuers=treasury,foundry", "ctl.participants.oracles=verifier",
        "ctl.security.users.treasury.password={noop}pw-treasury", "ctl.security.users.treasury.roles=ISSUER",
        "ctl.security.users.foundry.password={noop}pw-foundry", "ctl.security.users.foundry.roles=ISSUER",
        "ctl.security.users.verifier.password={noop}pw-verifier", "ctl.security.users.verifier.roles=ORACLE",
        "ctl.security.users.alice.password={noop}pw-alice", "ctl.security.users.alice.roles=HOLDER",
        "ctl.security.users.inspector.password={noop}pw-inspector", "ctl.security.users.inspector.roles=AUDITOR"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    LedgerChainer chainer;
    @Autowired
    JdbcTemplate jdbc;

    HttpLedgerClient client(String principal) {
        return HttpLedgerClient.as(port, principal, "pw-" + principal);
    }

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    @BeforeAll
    void history() {
        as("treasury", issue("T1", 1_000, "C-T1", GovernancePolicy.HYBRID));
        as("verifier", verify("T1"));
        as("treasury", transfer("T1", "t1-1", "treasury", "alice", 300));
        as("alice", pledge("T1", "t1-p", "alice", "treasury", 40));
        as("alice", burn("T1", "t1-b", "alice", 10));
        as("foundry", issue("F1", 50, "C-F1", GovernancePolicy.HARD_STOP));
        chainer.chainAvailable();
    }

    @Test
    void theChainAuditIsForAuditorsAndPassesOnAnUntouchedLedger() {
        Answer answer = client("inspector").get("/api/audit/chain");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.path("status").asText()).isEqualTo("OK");
        assertThat(report.path("verifiedEvents").asLong()).isEqualTo(storedEvents());
        assertThat(report.path("chainedHead").path("ledgerHash").asText()).hasSize(64);
        assertThat(report.path("ledgerBreak").isNull()).isTrue();
        assertThat(report.path("seriesBreak").isNull()).isTrue();

        for (String other : List.of("alice", "treasury", "verifier")) {
            Answer refused = client(other).get("/api/audit/chain");
            assertThat(refused.status()).as(other).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(HttpLedgerClient.anonymous(port).get("/api/audit/chain").status()).isEqualTo(401);
    }

    @Test
    void aDigestKeptFromTheDigestEndpointVerifiesByPostAndByGet() {
        Answer answer = client("inspector").get("/api/audit/digest");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode digest = answer.json();
        long globalIndex = digest.path("globalIndex").asLong();
        String hash = digest.path("hash").asText();
        assertThat(globalIndex).isEqualTo(jdbc.queryForObject("SELECT MAX(global_index) FROM audit_chain_link",
                Long.class));
        assertThat(digest.path("events").asLong()).isEqualTo(globalIndex + 1);
        assertThat(digest.path("eventTimestamp").asText()).isNotBlank();

        Answer posted = client("inspector").post("/api/audit/digest/verify",
                json("globalIndex", globalIndex, "hash", hash));
        assertThat(posted.status()).as(posted.text()).isEqualTo(200);
        assertThat(posted.json().path("matches").asBoolean()).isTrue();
        Answer got = client("inspector").get("/api/audit/digest/verify?globalIndex=" + globalIndex + "&hash="
                + hash.toUpperCase());
        assertThat(got.json().path("matches").asBoolean()).as(got.text()).isTrue();

        Answer other = client("inspector").post("/api/audit/digest/verify",
                json("globalIndex", globalIndex, "hash", "ab".repeat(32)));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().path("matches").asBoolean()).isFalse();
        assertThat(other.json().path("computedHash").asText()).isEqualTo(hash);

        assertThat(client("alice").post("/api/audit/digest/verify", json("globalIndex", globalIndex, "hash", hash))
                .status()).isEqualTo(403);
        assertThat(client("treasury").get("/api/audit/digest").status()).isEqualTo(403);
    }

    @Test
    void aMalformedDigestIsA400ProblemAndChangesNothing() {
        String hash = "0".repeat(64);
        Map<String, String> bodies = Map.of(
                "not hex", json("globalIndex", 3, "hash", "z".repeat(64)),
                "63 characters", json("globalIndex", 3, "hash", "a".repeat(63)),
                "65 characters", json("globalIndex", 3, "hash", "a".repeat(65)),
                "index below -1", json("globalIndex", -2, "hash", hash),
                "no index", json("hash", hash),
                "no hash", json("globalIndex", 3),
                "an unknown field", json("globalIndex", 3, "hash", hash, "events", 4),
                "a fractional index", "{\"globalIndex\":3.5,\"hash\":\"" + hash + "\"}",
                "not JSON", "{globalIndex: 3");
        long links = links();
        bodies.forEach((what, body) -> {
            Answer answer = client("inspector").post("/api/audit/digest/verify", body);
            assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.code()).as(what).isIn("VALIDATION_FAILED", "MALFORMED_REQUEST");
            assertThat(answer.text()).doesNotContain("Exception");
        });
        Answer missing = client("inspector").get("/api/audit/digest/verify?globalIndex=3");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(client("inspector").get("/api/audit/digest/verify?globalIndex=x&hash=" + hash).status())
                .isEqualTo(400);
        assertThat(links()).isEqualTo(links);
    }

    @Test
    void theJsonExportHasEveryEventOfTheSeriesWithItsFieldsAndHashes() throws Exception {
        Answer answer = client("inspector").get("/api/audit/tokens/T1/export?format=json");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode export = answer.json();
        assertThat(export.path("tokenId").asText()).isEqualTo("T1");
        JsonNode events = export.path("events");
        List<Map<String, Object>> links = jdbc.queryForList(
                "SELECT * FROM audit_chain_link WHERE aggregate_identifier = 'T1' ORDER BY global_index");
        assertThat(events).hasSize(5).hasSize(links.size());
        for (int at = 0; at < links.size(); at++) {
            JsonNode event = events.get(at);
            Map<String, Object> link = links.get(at);
            assertThat(event.path("globalIndex").asLong()).isEqualTo(link.get("GLOBAL_INDEX"));
            assertThat(event.path("sequenceNumber").asLong()).isEqualTo(at);
            assertThat(event.path("eventHash").asText()).isEqualTo(hex(link.get("EVENT_HASH")));
            assertThat(event.path("seriesHash").asText()).isEqualTo(hex(link.get("SERIES_HASH")));
            assertThat(event.path("ledgerHash").asText()).isEqualTo(hex(link.get("LEDGER_HASH")));
            assertThat(event.path("status").asText()).isEqualTo("VERIFIED");
            assertThat(event.path("timestamp").asText()).isNotBlank();
            assertThat(event.path("fields").isObject()).isTrue();
        }
        assertThat(events.get(0).path("eventType").asText()).isEqualTo("TokenIssued");
        assertThat(events.get(2).path("eventType").asText()).isEqualTo("UnitsTransferred");
        assertThat(events.get(2).path("fields").toString()).contains("300").contains("alice");
        assertThat(events.get(2).path("metaData").toString()).contains("treasury");
        assertThat(export.path("summary").path("seriesChain").asText()).isEqualTo("INTACT");
        assertThat(export.path("summary").path("verified").asLong()).isEqualTo(5);
    }

    @Test
    void theCsvExportIsQuotedAsRfc4180AndCarriesTheSameHashes() throws Exception {
        Answer answer = client("treasury").get("/api/audit/tokens/T1/export?format=csv");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        List<List<String>> records = parseCsv(answer.text());
        assertThat(records.get(0)).containsExactly("global_index", "sequence_number", "timestamp", "event_type",
                "event_identifier", "payload_type", "payload_revision", "fields", "meta_data", "event_hash",
                "series_hash", "ledger_hash", "status");
        assertThat(records).hasSize(6);
        JsonNode json = client("inspector").get("/api/audit/tokens/T1/export").json().path("events");
        for (int at = 1; at < records.size(); at++) {
            List<String> record = records.get(at);
            JsonNode event = json.get(at - 1);
            assertThat(record).hasSize(13);
            assertThat(record.get(0)).isEqualTo(event.path("globalIndex").asText());
            assertThat(record.get(3)).isEqualTo(event.path("eventType").asText());
            assertThat(JSON.readTree(record.get(7))).as("fields, unquoted").isEqualTo(event.path("fields"));
            assertThat(JSON.readTree(record.get(8))).isEqualTo(event.path("metaData"));
            assertThat(record.get(9)).isEqualTo(event.path("eventHash").asText());
            assertThat(record.get(10)).isEqualTo(event.path("seriesHash").asText());
            assertThat(record.get(12)).isEqualTo("VERIFIED");
        }
        assertThat(answer.text()).contains("\"{\"\"").contains("\r\n");

        Answer negotiated = client("inspector").send(client("inspector").request("/api/audit/tokens/T1/export")
                .header("Accept", "text/csv").GET());
        assertThat(negotiated.contentType()).startsWith("text/csv");
        assertThat(parseCsv(negotiated.text())).hasSize(6);
    }

    @Test
    void theExportIsForAuditorsAndTheSeriesIssuerOnly() {
        assertThat(client("foundry").get("/api/audit/tokens/F1/export").status()).isEqualTo(200);
        Answer otherIssuer = client("foundry").get("/api/audit/tokens/T1/export");
        assertThat(otherIssuer.status()).isEqualTo(403);
        assertThat(otherIssuer.code()).isEqualTo("FORBIDDEN");
        assertThat(client("alice").get("/api/audit/tokens/T1/export").status()).isEqualTo(403);
        assertThat(client("verifier").get("/api/audit/tokens/T1/export").status()).isEqualTo(403);
        assertThat(HttpLedgerClient.anonymous(port).get("/api/audit/tokens/T1/export").status()).isEqualTo(401);
    }

    @Test
    void anUnknownOrMalformedSeriesOrFormatIsAProblem() {
        Answer unknown = client("inspector").get("/api/audit/tokens/NEVER-ISSUED/export");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_TOKEN");
        assertThat(client("treasury").get("/api/audit/tokens/NEVER-ISSUED/export").status()).isEqualTo(404);
        Answer malformed = client("inspector").get("/api/audit/tokens/" + "x".repeat(65) + "/export");
        assertThat(malformed.status()).as(malformed.text()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
        Answer format = client("inspector").get("/api/audit/tokens/T1/export?format=xml");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anExportOfATamperedSeriesMarksEveryEventFromTheBreakOn() {
        long at = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = 'T1' "
                + "AND sequence_number = 3", Long.class);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, at);
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, StandardCharsets.UTF_8).replace("40", "4").getBytes(StandardCharsets.UTF_8), at);
        try {
            JsonNode export = client("inspector").get("/api/audit/tokens/T1/export").json();
            List<String> statuses = new ArrayList<>();
            export.path("events").forEach(event -> statuses.add(event.path("status").asText()));
            assertThat(statuses).containsExactly("VERIFIED", "VERIFIED", "VERIFIED", "BROKEN", "BROKEN");
            assertThat(export.path("summary").path("seriesChain").asText()).isEqualTo("BROKEN");
            assertThat(export.path("summary").path("firstBreakAtGlobalIndex").asLong()).isEqualTo(at);
            JsonNode audit = client("inspector").get("/api/audit/chain").json();
            assertThat(audit.path("status").asText()).isEqualTo("BROKEN");
            assertThat(audit.path("ledgerBreak").path("globalIndex").asLong()).isEqualTo(at);
            assertThat(audit.path("ledgerBreak").path("kind").asText()).isEqualTo("EDITED");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, at);
        }
        assertThat(client("inspector").get("/api/audit/chain").json().path("status").asText()).isEqualTo("OK");
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private long links() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain_link", Long.class);
    }

    private static String hex(Object bytes) {
        return HexFormat.of().formatHex((byte[]) bytes);
    }

    /** RFC 4180: records end in CRLF; a quoted field may hold commas, CR, LF and doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (quoted) {
                if (c == '"' && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    field.append('"');
                    at++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote only opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                at++;
            } else {
                assertThat(c).as("a bare line feed or carriage return outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(quoted).as("every quoted field is closed").isFalse();
        assertThat(field).as("the last record ends in CRLF").isEmpty();
        return records;
    }
}
