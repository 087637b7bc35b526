package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.ctl.infra.storage.H2ChunkRewriting;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole life of series over real HTTP on a real H2 file: issue, verify, transfers, pledge, release and
 * seize, price changes, flags under each policy, burns; after each step the balances, provenance and ratios
 * read back (with read-your-writes) as they must, and a server-sent-events client sees the ratio change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-http-${random.uuid}")
class HttpEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    H2ChunkRewriting h2ChunkRewriting;

    /** The ledger's H2 file is written with WRITE_DELAY=0, which turns H2's own chunk rewriting off. */
    @Test
    void rewritesTheH2FilesChunks() {
        assertThat(h2ChunkRewriting.isRunning()).isTrue();
    }

    HttpLedgerClient issuer() {
        return HttpLedgerClient.as(port, "issuer");
    }

    HttpLedgerClient oracle() {
        return HttpLedgerClient.as(port, "oracle");
    }

    HttpLedgerClient holder(String name) {
        return HttpLedgerClient.as(port, name);
    }

    static String issuance(String tokenId, String collateralId, String policy) {
        return issuance(tokenId, collateralId, "QUBIT", policy);
    }

    static String issuance(String tokenId, String collateralId, String collateralUnit, String policy) {
        return json("tokenId", tokenId, "computeUnit", "H100-GPU-HOUR", "computeRights", 10,
                "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", collateralId, "unit", collateralUnit, "qubits", 8,
                        "qubitPrice", "0.20"),
                "policy", policy);
    }

    static long position(Answer answer) {
        return answer.json().path("position").asLong();
    }

    static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        return answer;
    }

    @Test
    void carriesASeriesThroughItsWholeLifeAndReadsEveryStepBack() {
        Answer issued = issuer().post("/api/tokens", issuance("E1", "C-E1", "HARD_STOP"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        JsonNode series = issued.json().path("series");
        assertThat(series.path("status").asText()).isEqualTo("PENDING_VERIFICATION");
        assertThat(series.path("supply").path("issued").asLong()).isEqualTo(10);
        assertThat(series.path("pricing").path("finalPrice").asText()).isEqualTo("14.20");
        assertThat(series.path("pricing").path("collateralizationRatio").asText()).isEqualTo("0.1600");

        // Locked until verified.
        Answer early = issuer().post("/api/tokens/E1/transfers", json("transferId", "early", "from", "issuer",
                "to", "alice", "amount", 1));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("TOKEN_NOT_ACTIVE");

        long at = position(ok(oracle().post("/api/tokens/E1/verify")));
        assertThat(issuer().get("/api/tokens/E1?position=" + at).json().path("status").asText()).isEqualTo("ACTIVE");

        ok(issuer().post("/api/tokens/E1/transfers", json("transferId", "t1", "from", "issuer", "to", "alice",
                "amount", 6)));
        at = position(ok(holder("alice").post("/api/tokens/E1/transfers", json("transferId", "t2", "from", "alice",
                "to", "bob", "amount", 2))));
        assertThat(balances(holder("alice"), "alice", at)).containsExactly(List.of("E1", 4L, 0L));
        assertThat(balances(holder("bob"), "bob", at)).containsExactly(List.of("E1", 2L, 0L));

        // A pledge locks units; the pledgee releases one pledge and seizes another.
        at = position(ok(holder("alice").post("/api/tokens/E1/pledges", json("pledgeId", "p1", "pledger", "alice",
                "pledgee", "carol", "amount", 2))));
        assertThat(balances(holder("alice"), "alice", at)).containsExactly(List.of("E1", 2L, 2L));
        Answer pledgedTransfer = holder("alice").post("/api/tokens/E1/transfers", json("transferId", "t3",
                "from", "alice", "to", "bob", "amount", 3));
        assertThat(pledgedTransfer.code()).isEqualTo("INSUFFICIENT_AVAILABLE_BALANCE");
        at = position(ok(holder("carol").post("/api/tokens/E1/pledges/p1/release")));
        assertThat(balances(holder("alice"), "alice", at)).containsExactly(List.of("E1", 4L, 0L));
        ok(holder("alice").post("/api/tokens/E1/pledges", json("pledgeId", "p2", "pledger", "alice",
                "pledgee", "carol", "amount", 1)));
        at = position(ok(holder("carol").post("/api/tokens/E1/pledges/p2/seize")));
        assertThat(balances(holder("carol"), "carol", at)).containsExactly(List.of("E1", 1L, 0L));
        assertThat(balances(holder("alice"), "alice", at)).containsExactly(List.of("E1", 3L, 0L));

        // The issuer and auditors see every holder of the series.
        JsonNode holders = ok(issuer().get("/api/tokens/E1/balances?position=" + at)).json();
        assertThat(StreamSupport.stream(holders.spliterator(), false)
                .map(row -> row.path("holder").asText() + "=" + row.path("available").asLong()))
                .containsExactly("alice=3", "bob=2", "carol=1", "issuer=4");

        // A new collateral price moves the ratio: 8 × 0.50 = 4.00 against 10.00.
        at = position(ok(oracle().post("/api/prices", json("priceId", "px1", "kind", "COLLATERAL", "unit", "QUBIT",
                "price", "0.50"))));
        JsonNode pricing = issuer().get("/api/tokens/E1?position=" + at).json().path("pricing");
        assertThat(pricing.path("collateralValue").asText()).isEqualTo("4.00");
        assertThat(pricing.path("collateralizationRatio").asText()).isEqualTo("0.4000");
        assertThat(pricing.path("finalPrice").asText()).isEqualTo("13.00");

        // A burn shrinks the supply, and with it the compute value.
        at = position(ok(holder("bob").post("/api/tokens/E1/burns", json("burnId", "b1", "holder", "bob",
                "amount", 1, "reason", "compute redeemed"))));
        JsonNode burned = issuer().get("/api/tokens/E1?position=" + at).json();
        assertThat(burned.path("supply").path("outstanding").asLong()).isEqualTo(9);
        assertThat(burned.path("supply").path("burned").asLong()).isEqualTo(1);
        assertThat(burned.path("pricing").path("computeValue").asText()).isEqualTo("9.00");

        JsonNode provenance = ok(holder("alice").get("/api/tokens/E1/provenance?position=" + at)).json();
        assertThat(StreamSupport.stream(provenance.spliterator(), false).map(entry -> entry.path("kind").asText()))
                .containsExactly("ISSUED", "VERIFIED", "TRANSFERRED", "TRANSFERRED", "PLEDGED", "PLEDGE_RELEASED",
                        "PLEDGED", "PLEDGE_SEIZED", "BURNED");
        assertThat(provenance.get(0).path("actor").asText()).isEqualTo("issuer");
        assertThat(provenance.get(3).path("from").asText()).isEqualTo("alice");
        assertThat(provenance.get(3).path("to").asText()).isEqualTo("bob");
        assertThat(provenance.get(3).path("amount").asLong()).isEqualTo(2);

        // Hard stop: worthless, and nothing moves any more.
        at = position(ok(oracle().post("/api/tokens/E1/flags", json("flagId", "f1", "verdict", "DISPUTED",
                "reason", "collateral vault empty"))));
        JsonNode stopped = issuer().get("/api/tokens/E1?position=" + at).json();
        assertThat(stopped.path("status").asText()).isEqualTo("WORTHLESS");
        assertThat(stopped.path("pricing").path("finalPrice").asText()).isEqualTo("0.00");
        Answer afterStop = holder("alice").post("/api/tokens/E1/transfers", json("transferId", "t9", "from",
                "alice", "to", "bob", "amount", 1));
        assertThat(afterStop.status()).isEqualTo(409);
        assertThat(afterStop.code()).isEqualTo("TOKEN_NOT_ACTIVE");
    }

    @Test
    void windsUpGracefullyAndHybridPicksByVerdict() {
        // Its own collateral unit, with no published price: the claims are valued at the issuance price 0.20.
        ok(issuer().post("/api/tokens", issuance("G1", "C-G1", "VAULT-G1", "GRACEFUL_EXIT")));
        ok(oracle().post("/api/tokens/G1/verify"));
        ok(issuer().post("/api/tokens/G1/transfers", json("transferId", "g1", "from", "issuer", "to", "alice",
                "amount", 4)));
        ok(holder("alice").post("/api/tokens/G1/pledges", json("pledgeId", "gp", "pledger", "alice",
                "pledgee", "bob", "amount", 1)));
        long at = position(ok(oracle().post("/api/tokens/G1/flags", json("flagId", "gf", "verdict",
                "ILLEGITIMATE", "reason", "disputed benchmark"))));
        JsonNode wound = issuer().get("/api/tokens/G1?position=" + at).json();
        assertThat(wound.path("status").asText()).isEqualTo("WOUND_UP");
        assertThat(wound.path("supply").path("outstanding").asLong()).isZero();
        assertThat(wound.path("supply").path("burned").asLong()).isEqualTo(10);
        assertThat(ok(holder("auditor").get("/api/tokens/G1/balances?position=" + at)).json()).isEmpty();
        JsonNode last = lastEntry(holder("alice").get("/api/tokens/G1/provenance?position=" + at).json());
        assertThat(last.path("kind").asText()).isEqualTo("WOUND_UP");
        assertThat(last.path("detail").asText()).contains("alice 0.64").contains("issuer 0.96");

        ok(issuer().post("/api/tokens", issuance("H1", "C-H1", "HYBRID")));
        ok(issuer().post("/api/tokens", issuance("H2", "C-H2", "HYBRID")));
        ok(oracle().post("/api/tokens/H1/flags", json("flagId", "h1", "verdict", "ILLEGITIMATE", "reason", "fake")));
        at = position(ok(oracle().post("/api/tokens/H2/flags", json("flagId", "h2", "verdict", "DISPUTED",
                "reason", "unclear"))));
        assertThat(issuer().get("/api/tokens/H1?position=" + at).json().path("status").asText()).isEqualTo("WORTHLESS");
        assertThat(issuer().get("/api/tokens/H2?position=" + at).json().path("status").asText()).isEqualTo("WOUND_UP");
    }

    @Test
    void pushesARatioChangeToAServerSentEventsClient() {
        ok(issuer().post("/api/tokens", issuance("S1", "C-S1", "HYBRID")));
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = holder("alice").request("/api/collateralization/stream").header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60)).GET().build();
        var subscription = java.net.http.HttpClient.newHttpClient()
                .sendAsync(stream, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("event:snapshot")));
            ok(oracle().post("/api/prices", json("priceId", "sx1", "kind", "COMPUTE", "unit", "H100-GPU-HOUR",
                    "price", "2.00")));
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line ->
                    line.startsWith("data:") && line.contains("\"tokenId\":\"S1\"")
                            && line.contains("\"computeValue\":\"20.00\"")));
        } finally {
            subscription.cancel(true);
        }
    }

    private static List<List<Object>> balances(HttpLedgerClient client, String holder, long position) {
        JsonNode portfolio = ok(client.get("/api/holders/" + holder + "/balances?position=" + position)).json();
        return StreamSupport.stream(portfolio.path("balances").spliterator(), false)
                .map(row -> List.<Object>of(row.path("tokenId").asText(), row.path("available").asLong(),
                        row.path("pledged").asLong()))
                .toList();
    }

    private static JsonNode lastEntry(JsonNode entries) {
        return entries.get(entries.size() - 1);
    }
}
