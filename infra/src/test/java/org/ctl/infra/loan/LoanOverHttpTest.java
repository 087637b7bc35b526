package org.ctl.infra.loan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Loans over real HTTP on a real H2 file: bob lends alice units of series LA against units of series LB; the
 * saga pledges, lends, returns, releases; the balances, the loans of each holder and both series' provenance
 * read back as they must; a loan whose lending step is refused ends FAILED with its pledge released; every bad
 * request is a problem with a specific code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-loans-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoanOverHttpTest {

    /** How long the saga may take to settle a step on this shared machine: a bound, not a measurement. */
    private static final Duration SAGA_BOUND = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private HttpLedgerClient as(String principal) {
        return HttpLedgerClient.as(port, principal);
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        return answer;
    }

    @BeforeAll
    void twoActiveSeries() {
        for (String series : new String[] {"LA", "LB"}) {
            ok(as("issuer").post("/api/tokens", json("tokenId", series, "computeUnit", "H100-GPU-HOUR",
                    "computeRights", 100, "pricePerComputeRight", "1.00",
                    "collateral", Map.of("collateralId", "vault-" + series, "qubits", 80, "qubitPrice", "0.20"),
                    "policy", "HYBRID")));
            ok(as("oracle").post("/api/tokens/" + series + "/verify"));
        }
        ok(as("issuer").post("/api/tokens/LA/transfers", json("transferId", "to-bob", "from", "issuer",
                "to", "bob", "amount", 50)));
        ok(as("issuer").post("/api/tokens/LB/transfers", json("transferId", "to-alice", "from", "issuer",
                "to", "alice", "amount", 30)));
    }

    private static String offer(String loanId, String lender, String borrower, long lent, long collateral,
                                Instant dueAt) {
        return json("loanId", loanId, "lender", lender, "borrower", borrower,
                "lent", Map.of("tokenId", "LA", "amount", lent),
                "collateral", Map.of("tokenId", "LB", "amount", collateral), "dueAt", dueAt.toString());
    }

    /**
     * The loan once the saga has settled the step that {@code request} (an acceptance or a repayment) started: read
     * at the request's position (so the read shows at least OPENING or REPAYING), until it shows neither.
     */
    private JsonNode loanOnceSettled(String loanId, String reader, Answer request) {
        long position = ok(request).json().path("position").asLong();
        return Awaitility.await().atMost(SAGA_BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> as(reader).get("/api/loans/" + loanId + "?position=" + position).json(),
                        loan -> !loan.path("status").asText().equals("OPENING")
                                && !loan.path("status").asText().equals("REPAYING"));
    }

    private long units(String holder, String series, String column) {
        for (JsonNode holding : as(holder).get("/api/holders/" + holder + "/balances").json().path("balances")) {
            if (holding.path("tokenId").asText().equals(series)) {
                return holding.path(column).asLong();
            }
        }
        return 0;
    }

    @Test
    void opensAndRepaysALoanWithEveryStepInBothSeriesProvenance() {
        Instant dueAt = Instant.now().plus(Duration.ofHours(1));
        Answer offered = ok(as("bob").post("/api/loans", offer("L1", "bob", "alice", 10, 4, dueAt)));
        assertThat(offered.status()).isEqualTo(201);
        assertThat(offered.json().path("stream").asText()).isEqualTo("loan/L1");
        assertThat(as("bob").get("/api/loans/L1?position=" + offered.json().path("position").asLong())
                .json().path("status").asText()).isEqualTo("OFFERED");

        JsonNode open = loanOnceSettled("L1", "alice", as("alice").post("/api/loans/L1/accept"));
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("lentAmount").asLong()).isEqualTo(10);

        Awaitility.await().atMost(SAGA_BOUND).untilAsserted(() -> {
            assertThat(units("alice", "LA", "available")).isEqualTo(10);
            assertThat(units("alice", "LB", "pledged")).isEqualTo(4);
            assertThat(units("alice", "LB", "available")).isEqualTo(26);
            assertThat(units("bob", "LA", "available")).isEqualTo(40);
        });
        JsonNode aliceLoans = as("alice").get("/api/holders/alice/loans?open=true").json();
        assertThat(aliceLoans.path("borrowed").toString()).contains("\"tokenId\":\"LA\"").contains("\"units\":10");
        assertThat(aliceLoans.path("loans").get(0).path("loanId").asText()).isEqualTo("L1");
        assertThat(as("bob").get("/api/holders/bob/loans").json().path("lentOut").toString())
                .contains("\"tokenId\":\"LA\"").contains("\"units\":10");
        Awaitility.await().atMost(SAGA_BOUND).untilAsserted(() -> {
            assertThat(as("alice").get("/api/tokens/LB/provenance").text()).contains("collateral of loan L1");
            assertThat(as("alice").get("/api/tokens/LA/provenance").text()).contains("lent in loan L1");
        });

        // The lender is the pledgee, yet only the loan closes the loan's pledge; nobody takes a loan's ids.
        assertThat(as("bob").post("/api/tokens/LB/pledges/loan:L1:pledge/seize").code())
                .isEqualTo("LOAN_STEP_RESERVED");
        assertThat(as("alice").post("/api/tokens/LB/pledges", json("pledgeId", "loan:L9:pledge", "pledger", "alice",
                "pledgee", "bob", "amount", 1)).code()).isEqualTo("LOAN_STEP_RESERVED");

        // Only the borrower repays; the borrower cannot accept twice into a second opening.
        assertThat(as("bob").post("/api/loans/L1/repay").code()).isEqualTo("NOT_BORROWER");
        assertThat(ok(as("alice").post("/api/loans/L1/accept")).json().path("repeated").asBoolean()).isTrue();

        JsonNode repaid = loanOnceSettled("L1", "bob", as("alice").post("/api/loans/L1/repay"));
        assertThat(repaid.path("status").asText()).isEqualTo("REPAID");
        assertThat(repaid.path("cause").isNull()).isTrue();
        Awaitility.await().atMost(SAGA_BOUND).untilAsserted(() -> {
            assertThat(units("alice", "LA", "available")).isZero();
            assertThat(units("alice", "LB", "pledged")).isZero();
            assertThat(units("alice", "LB", "available")).isEqualTo(30);
            assertThat(units("bob", "LA", "available")).isEqualTo(50);
            assertThat(as("alice").get("/api/tokens/LA/provenance").text()).contains("repaid in loan L1");
        });
        // A second repayment moves nothing: it answers as the first.
        assertThat(ok(as("alice").post("/api/loans/L1/repay")).json().path("repeated").asBoolean()).isTrue();
        assertThat(as("alice").get("/api/holders/alice/loans?open=true").json().path("loans")).isEmpty();
    }

    @Test
    void aLoanWhoseLendingIsRefusedFailsWithItsPledgeReleased() {
        ok(as("bob").post("/api/loans", offer("L-too-much", "bob", "alice", 1000, 5,
                Instant.now().plus(Duration.ofHours(1)))));
        JsonNode failed = loanOnceSettled("L-too-much", "alice", as("alice").post("/api/loans/L-too-much/accept"));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("cause").asText())
                .isEqualTo("LEND refused: INSUFFICIENT_AVAILABLE_BALANCE; pledge released");
        Awaitility.await().atMost(SAGA_BOUND).untilAsserted(() -> {
            assertThat(as("alice").get("/api/tokens/LB/provenance").text())
                    .contains("released by bob, available to alice again; collateral of loan L-too-much");
        });
        assertThat(as("alice").post("/api/loans/L-too-much/repay").code()).isEqualTo("LOAN_NOT_OPEN");
    }

    @Test
    void aLoanWhoseCollateralIsMissingFailsAndMovesNothing() {
        ok(as("bob").post("/api/loans", offer("L-no-collateral", "bob", "carol", 5, 5,
                Instant.now().plus(Duration.ofHours(1)))));
        JsonNode failed = loanOnceSettled("L-no-collateral", "carol",
                as("carol").post("/api/loans/L-no-collateral/accept"));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("cause").asText()).isEqualTo("PLEDGE refused: INSUFFICIENT_AVAILABLE_BALANCE");
        assertThat(units("carol", "LA", "available")).isZero();
    }

    @Test
    void refusesEveryBadLoanRequestWithItsCode() {
        Instant dueAt = Instant.now().plus(Duration.ofHours(1));
        ok(as("bob").post("/api/loans", offer("L-bad", "bob", "alice", 1, 1, dueAt)));
        record Case(String principal, String method, String path, String body, int status, String code) {
        }
        Case[] cases = {
            new Case("alice", "POST", "/api/loans", offer("L-x", "bob", "alice", 1, 1, dueAt), 403, "NOT_LENDER"),
            new Case("bob", "POST", "/api/loans", offer("L-x", "bob", "bob", 1, 1, dueAt), 400, "SAME_HOLDER"),
            new Case("bob", "POST", "/api/loans", offer("L-x", "bob", "alice", 0, 1, dueAt), 400,
                    "AMOUNT_MUST_BE_POSITIVE"),
            new Case("bob", "POST", "/api/loans", offer("L-x", "bob", "alice", 1, -1, dueAt), 400,
                    "AMOUNT_MUST_BE_POSITIVE"),
            new Case("bob", "POST", "/api/loans", offer("L-x", "bob", "alice", 1, 1, Instant.now().minusSeconds(1)),
                    400, "INSTANT_NOT_IN_FUTURE"),
            new Case("bob", "POST", "/api/loans",
                    offer("L-x", "bob", "alice", 1, 1, Instant.now().plus(Duration.ofDays(400))), 400,
                    "TERM_TOO_LONG"),
            new Case("bob", "POST", "/api/loans", offer("L-bad", "bob", "alice", 2, 1, dueAt), 422,
                    "ID_REUSED_WITH_OTHER_CONTENT"),
            new Case("bob", "POST", "/api/loans", offer("x".repeat(49), "bob", "alice", 1, 1, dueAt), 400,
                    "VALIDATION_FAILED"),
            new Case("bob", "POST", "/api/loans", "{\"loanId\":\"L-x\",\"lender\":\"bob\"}", 400, "VALIDATION_FAILED"),
            new Case("bob", "POST", "/api/loans", "{\"loanId\":\"L-x\",", 400, "MALFORMED_REQUEST"),
            new Case("bob", "POST", "/api/loans", offer("L-x", "bob", "alice", 1, 1, dueAt)
                    .replace("\"dueAt\"", "\"interest\":1,\"dueAt\""), 400, "MALFORMED_REQUEST"),
            new Case("carol", "POST", "/api/loans/L-bad/accept", null, 403, "NOT_BORROWER"),
            new Case("alice", "POST", "/api/loans/L-none/accept", null, 404, "UNKNOWN_LOAN"),
            new Case("alice", "POST", "/api/loans/L-bad/repay", null, 409, "LOAN_NOT_OPEN"),
            new Case("carol", "GET", "/api/loans/L-bad", null, 403, "FORBIDDEN"),
            new Case("alice", "GET", "/api/loans/L-none", null, 404, "UNKNOWN_LOAN"),
            new Case("carol", "GET", "/api/holders/alice/loans", null, 403, "FORBIDDEN"),
            new Case("oracle", "POST", "/api/loans", offer("L-x", "oracle", "alice", 1, 1, dueAt), 403, "FORBIDDEN"),
        };
        for (Case bad : cases) {
            Answer answer = bad.method().equals("GET") ? as(bad.principal()).get(bad.path())
                    : bad.body() == null ? as(bad.principal()).post(bad.path())
                    : as(bad.principal()).post(bad.path(), bad.body());
            assertThat(answer.status()).as(bad + " -> " + answer).isEqualTo(bad.status());
            assertThat(answer.code()).as(bad + " -> " + answer).isEqualTo(bad.code());
        }
        assertThat(as("bob").get("/api/loans/L-x").code()).isEqualTo("UNKNOWN_LOAN");
        assertThat(as("auditor").get("/api/loans/L-bad").json().path("status").asText()).isEqualTo("OFFERED");
    }
}
