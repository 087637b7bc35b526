package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Function-level authorization (every endpoint × every role, against the table below) and object-level
 * authorization (a holder's credentials against another holder's units, in path and body).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-authz-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final String ANONYMOUS = "anonymous";
    private static final List<String> EVERYONE = List.of("issuer", "oracle", "alice", "auditor", ANONYMOUS);
    private static final AtomicInteger IDS = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** One endpoint: how to call it with a fresh id, and which roles may. */
    record Endpoint(String name, BiFunction<HttpLedgerClient, String, Answer> call, Set<String> allowed) {
    }

    HttpLedgerClient client(String who) {
        return ANONYMOUS.equals(who) ? HttpLedgerClient.anonymous(port) : HttpLedgerClient.as(port, who);
    }

    static String id(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    @BeforeAll
    void aSeriesWithHolders() {
        HttpLedgerClient issuer = client("issuer");
        assertThat(issuer.post("/api/tokens", json("tokenId", "M1", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 1000, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-M1", "qubits", 800, "qubitPrice", "1.00"),
                "policy", "HYBRID")).status()).isEqualTo(201);
        assertThat(client("oracle").post("/api/tokens/M1/verify").status()).isEqualTo(200);
        for (String holder : List.of("alice", "bob")) {
            assertThat(issuer.post("/api/tokens/M1/transfers", json("transferId", "seed-" + holder, "from", "issuer",
                    "to", holder, "amount", 100)).status()).isEqualTo(200);
        }
        assertThat(client("bob").post("/api/tokens/M1/pledges", json("pledgeId", "bob-to-carol", "pledger", "bob",
                "pledgee", "carol", "amount", 5)).status()).isEqualTo(200);
        assertThat(client("issuer").post("/api/governance/polls", json("pollId", "AUTHZ-POLL",
                "closesAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString())).status())
                .isEqualTo(201);
    }

    List<Endpoint> endpoints() {
        Set<String> movers = Set.of("issuer", "alice");
        Set<String> signedIn = Set.of("issuer", "oracle", "alice", "auditor");
        return List.of(
                new Endpoint("POST /api/tokens", (c, who) -> c.post("/api/tokens", json("tokenId", id("N"),
                        "computeUnit", "H100-GPU-HOUR", "computeRights", 10, "pricePerComputeRight", "1.00",
                        "collateral", Map.of("collateralId", id("CN"), "qubits", 8, "qubitPrice", "0.20"))),
                        Set.of("issuer")),
                new Endpoint("POST verify", (c, who) -> c.post("/api/tokens/M1/verify"), Set.of("oracle")),
                new Endpoint("POST transfers", (c, who) -> c.post("/api/tokens/M1/transfers", json("transferId", id("t"),
                        "from", who, "to", "bob", "amount", 1)), movers),
                new Endpoint("POST pledges", (c, who) -> c.post("/api/tokens/M1/pledges", json("pledgeId", id("p"),
                        "pledger", who, "pledgee", "bob", "amount", 1)), movers),
                new Endpoint("POST release", (c, who) -> c.post("/api/tokens/M1/pledges/unknown/release"), movers),
                new Endpoint("POST seize", (c, who) -> c.post("/api/tokens/M1/pledges/unknown/seize"), movers),
                new Endpoint("POST flags", (c, who) -> c.post("/api/tokens/NOT-ISSUED/flags", json("flagId", id("f"),
                        "verdict", "DISPUTED", "reason", "test")), Set.of("oracle")),
                new Endpoint("POST burns", (c, who) -> c.post("/api/tokens/M1/burns", json("burnId", id("b"),
                        "holder", who, "amount", 1, "reason", "used")), movers),
                new Endpoint("POST /api/prices", (c, who) -> c.post("/api/prices", json("priceId", id("px"),
                        "kind", "COMPUTE", "unit", "A100-GPU-HOUR", "price", "1.10")), Set.of("oracle")),
                new Endpoint("GET /api/tokens", (c, who) -> c.get("/api/tokens"), signedIn),
                new Endpoint("GET /api/tokens/{id}", (c, who) -> c.get("/api/tokens/M1"), signedIn),
                new Endpoint("GET provenance", (c, who) -> c.get("/api/tokens/M1/provenance"), signedIn),
                new Endpoint("GET collateralization", (c, who) -> c.get("/api/collateralization"), signedIn),
                new Endpoint("GET series balances", (c, who) -> c.get("/api/tokens/M1/balances"),
                        Set.of("issuer", "auditor")),
                new Endpoint("GET alice's balances", (c, who) -> c.get("/api/holders/alice/balances"),
                        Set.of("alice", "auditor")),
                new Endpoint("GET alice's provenance", (c, who) -> c.get("/api/holders/alice/provenance"),
                        Set.of("alice", "auditor")),
                new Endpoint("POST /api/loans", (c, who) -> c.post("/api/loans", json("loanId", id("L"),
                        "lender", who, "borrower", "bob", "lent", Map.of("tokenId", "M1", "amount", 1),
                        "collateral", Map.of("tokenId", "M1", "amount", 1),
                        "dueAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString())), movers),
                new Endpoint("POST loan accept", (c, who) -> c.post("/api/loans/unknown/accept"), movers),
                new Endpoint("POST loan repay", (c, who) -> c.post("/api/loans/unknown/repay"), movers),
                new Endpoint("GET /api/loans/{id}", (c, who) -> c.get("/api/loans/unknown"),
                        Set.of("issuer", "alice", "auditor")),
                new Endpoint("GET alice's loans", (c, who) -> c.get("/api/holders/alice/loans"),
                        Set.of("alice", "auditor")),
                // Governance members (demo: issuer, oracle, auditor) open polls and vote; everyone signed in reads.
                new Endpoint("POST /api/governance/polls", (c, who) -> c.post("/api/governance/polls",
                        json("pollId", id("P"), "closesAt",
                                java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString())),
                        Set.of("issuer", "oracle", "auditor")),
                new Endpoint("POST poll votes", (c, who) -> c.post("/api/governance/polls/AUTHZ-POLL/votes",
                        json("policy", "HYBRID")), Set.of("issuer", "oracle", "auditor")),
                new Endpoint("GET polls", (c, who) -> c.get("/api/governance/polls"), signedIn),
                new Endpoint("GET poll", (c, who) -> c.get("/api/governance/polls/AUTHZ-POLL"), signedIn),
                new Endpoint("GET default policy", (c, who) -> c.get("/api/governance/default-policy"), signedIn),
                new Endpoint("GET quote", (c, who) -> c.get("/api/quote?computeRights=10&pricePerComputeRight=1"
                        + "&qubits=8&qubitPrice=0.2"), Set.copyOf(EVERYONE)),
                new Endpoint("GET health", (c, who) -> c.get("/actuator/health"), Set.copyOf(EVERYONE)),
                new Endpoint("GET metrics", (c, who) -> c.get("/actuator/metrics"), Set.of("auditor")),
                new Endpoint("GET prometheus", (c, who) -> c.get("/actuator/prometheus"), Set.of("auditor")),
                new Endpoint("GET CR history", (c, who) -> c.get("/api/tokens/M1/collateralization/history"),
                        signedIn),
                new Endpoint("POST dead-letter retry", (c, who) -> c.post(
                        "/api/admin/projections/provenance/dead-letters/retry"), Set.of("auditor")),
                new Endpoint("GET /api/tokens/{id} as of", (c, who) -> c.get("/api/tokens/M1?asOf=0"), signedIn),
                new Endpoint("GET series balances as of", (c, who) -> c.get("/api/tokens/M1/balances?asOf=0"),
                        Set.of("issuer", "auditor")),
                new Endpoint("GET alice's balances as of", (c, who) -> c.get("/api/holders/alice/balances?asOf=0"),
                        Set.of("alice", "auditor")),
                new Endpoint("GET replay states", (c, who) -> c.get("/api/admin/projections/replay"),
                        Set.of("auditor")),
                new Endpoint("GET replay state", (c, who) -> c.get("/api/admin/projections/series/replay"),
                        Set.of("auditor")),
                new Endpoint("GET verification", (c, who) -> c.get("/api/audit/verification"), Set.of("auditor")));
    }

    @Test
    void letsEachRoleCallExactlyTheEndpointsOfTheTable() {
        for (Endpoint endpoint : endpoints()) {
            for (String who : EVERYONE) {
                Answer answer = endpoint.call().apply(client(who), who);
                String what = endpoint.name() + " as " + who + " → " + answer;
                if (endpoint.allowed().contains(who)) {
                    assertThat(answer.status()).as(what).isNotIn(401, 403);
                    assertThat(answer.status()).as(what).isLessThan(500);
                } else if (ANONYMOUS.equals(who)) {
                    assertThat(answer.status()).as(what).isEqualTo(401);
                    assertThat(answer.code()).as(what).isEqualTo("UNAUTHENTICATED");
                } else {
                    assertThat(answer.status()).as(what).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void refusesAHolderEveryMoveAndEveryReadOfAnotherHoldersUnits() {
        HttpLedgerClient alice = client("alice");
        int eventsBefore = storedEvents();
        List<Answer> refused = List.of(
                alice.post("/api/tokens/M1/transfers", json("transferId", id("x"), "from", "bob", "to", "alice",
                        "amount", 1)),
                alice.post("/api/tokens/M1/pledges", json("pledgeId", id("x"), "pledger", "bob", "pledgee", "alice",
                        "amount", 1)),
                alice.post("/api/tokens/M1/burns", json("burnId", id("x"), "holder", "bob", "amount", 1,
                        "reason", "not mine")),
                alice.post("/api/tokens/M1/pledges/bob-to-carol/release"),
                alice.post("/api/tokens/M1/pledges/bob-to-carol/seize"),
                alice.get("/api/holders/bob/balances"),
                alice.get("/api/holders/bob/provenance"),
                alice.get("/api/tokens/M1/balances"),
                alice.get("/api/holders/bob/balances?asOf=0"),
                alice.get("/api/tokens/M1/balances?asOf=0"));
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.code()).as(answer.toString()).isIn("NOT_HOLDER", "NOT_PLEDGEE", "FORBIDDEN");
        });
        assertThat(storedEvents()).as("refused commands store nothing").isEqualTo(eventsBefore);
    }

    int storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Integer.class);
    }

    @Test
    void refusesWrongCredentials() {
        Answer answer = HttpLedgerClient.as(port, "alice", "wrong").get("/api/tokens");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
    }
}
