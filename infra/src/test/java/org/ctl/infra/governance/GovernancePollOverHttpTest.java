package org.ctl.infra.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A governance poll over real HTTP: the demo's members (issuer, oracle, auditor; quorum 2) open a poll and vote,
 * one changes its vote; at the closing instant the deadline closes the poll, HARD_STOP is adopted, and a series
 * issued afterwards without a policy gets it. Every bad request is a problem with a specific code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-polls-${random.uuid}")
class GovernancePollOverHttpTest {

    /** How long the close may take after the closing instant on this shared machine: a bound only. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    private HttpLedgerClient as(String principal) {
        return HttpLedgerClient.as(port, principal);
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        return answer;
    }

    @Test
    void theMembersVoteAndTheAdoptedPolicyBecomesTheDefaultOfLaterIssuances() {
        assertThat(as("alice").get("/api/governance/default-policy").json().path("policy").asText())
                .isEqualTo("HYBRID");
        Instant closesAt = Instant.now().plus(Duration.ofSeconds(8));
        ok(as("issuer").post("/api/governance/polls", json("pollId", "P1", "closesAt", closesAt.toString())));
        ok(as("issuer").post("/api/governance/polls/P1/votes", json("policy", "HARD_STOP")));
        ok(as("oracle").post("/api/governance/polls/P1/votes", json("policy", "GRACEFUL_EXIT")));
        Answer changed = ok(as("oracle").post("/api/governance/polls/P1/votes", json("policy", "HARD_STOP")));
        assertThat(ok(as("oracle").post("/api/governance/polls/P1/votes", json("policy", "HARD_STOP")))
                .json().path("repeated").asBoolean()).isTrue();

        JsonNode open = as("alice").get("/api/governance/polls/P1?position=" + changed.json().path("position").asLong())
                .json();
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("tally").path("hardStop").asInt()).isEqualTo(2);
        assertThat(open.path("tally").path("gracefulExit").asInt()).isZero();
        assertThat(open.path("votes")).hasSize(2);
        assertThat(open.path("quorum").asInt()).isEqualTo(2);

        // Not a member: refused, and nothing counted.
        assertThat(as("alice").post("/api/governance/polls/P1/votes", json("policy", "HYBRID")).code())
                .isEqualTo("NOT_GOVERNANCE_MEMBER");

        JsonNode closed = Awaitility.await().atMost(BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> as("alice").get("/api/governance/polls/P1").json(),
                        poll -> poll.path("status").asText().equals("CLOSED"));
        assertThat(closed.path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(closed.path("adopted").asText()).isEqualTo("HARD_STOP");

        JsonNode defaultPolicy = as("alice").get("/api/governance/default-policy").json();
        assertThat(defaultPolicy.path("policy").asText()).isEqualTo("HARD_STOP");
        assertThat(defaultPolicy.path("adoptedByPoll").asText()).isEqualTo("P1");
        assertThat(defaultPolicy.path("configured").asText()).isEqualTo("HYBRID");

        Answer issued = ok(as("issuer").post("/api/tokens", json("tokenId", "GP1", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 10, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "vault-GP1", "qubits", 8, "qubitPrice", "0.20"))));
        assertThat(issued.json().path("series").path("policy").asText()).isEqualTo("HARD_STOP");

        assertThat(as("issuer").post("/api/governance/polls/P1/votes", json("policy", "HYBRID")).code())
                .isEqualTo("POLL_CLOSED");
        assertThat(as("alice").get("/api/governance/polls").json().get(0).path("pollId").asText()).isEqualTo("P1");
    }

    @Test
    void refusesEveryBadPollRequestWithItsCode() {
        Instant closesAt = Instant.now().plus(Duration.ofHours(1));
        ok(as("oracle").post("/api/governance/polls", json("pollId", "P-bad", "closesAt", closesAt.toString())));
        record Case(String principal, String path, String body, int status, String code) {
        }
        Case[] cases = {
            new Case("alice", "/api/governance/polls", json("pollId", "P-x", "closesAt", closesAt.toString()), 403,
                    "NOT_GOVERNANCE_MEMBER"),
            new Case("issuer", "/api/governance/polls",
                    json("pollId", "P-x", "closesAt", Instant.now().minusSeconds(1).toString()), 400,
                    "INSTANT_NOT_IN_FUTURE"),
            new Case("issuer", "/api/governance/polls",
                    json("pollId", "P-x", "closesAt", Instant.now().plus(Duration.ofDays(91)).toString()), 400,
                    "TERM_TOO_LONG"),
            new Case("issuer", "/api/governance/polls", json("pollId", "P-x"), 400, "VALIDATION_FAILED"),
            new Case("oracle", "/api/governance/polls",
                    json("pollId", "P-bad", "closesAt", closesAt.plusSeconds(1).toString()), 422,
                    "ID_REUSED_WITH_OTHER_CONTENT"),
            new Case("issuer", "/api/governance/polls/P-none/votes", json("policy", "HYBRID"), 404, "UNKNOWN_POLL"),
            new Case("issuer", "/api/governance/polls/P-bad/votes", json("policy", "SOMETIMES"), 400,
                    "MALFORMED_REQUEST"),
            new Case("issuer", "/api/governance/polls/P-bad/votes", "{}", 400, "VALIDATION_FAILED"),
        };
        for (Case bad : cases) {
            Answer answer = as(bad.principal()).post(bad.path(), bad.body());
            assertThat(answer.status()).as(bad + " -> " + answer).isEqualTo(bad.status());
            assertThat(answer.code()).as(bad + " -> " + answer).isEqualTo(bad.code());
        }
        assertThat(as("alice").get("/api/governance/polls/P-none").code()).isEqualTo("UNKNOWN_POLL");
        assertThat(HttpLedgerClient.anonymous(port).get("/api/governance/polls").status()).isEqualTo(401);
    }
}
