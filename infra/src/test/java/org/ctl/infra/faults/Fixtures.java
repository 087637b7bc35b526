package org.ctl.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;

/** Setting up a series over HTTP and reading it back, for the race tests. */
final class Fixtures {

    /**
     * The per-principal rate limit (being added in parallel) lifted out of the way: these tests send hundreds of
     * requests a second as one principal on purpose.
     */
    static final String NO_RATE_LIMIT = "ctl.http.rate-limit.requests-per-second=1000000";

    private Fixtures() {
    }

    /** A client signed in as the demo principal {@code principal} (its name is its password). */
    static HttpLedgerClient as(int port, String principal) {
        return HttpLedgerClient.as(port, principal);
    }

    /** Issues {@code rights} units of series {@code tokenId} (to "issuer"), has "oracle" verify it. */
    static void activeSeries(int port, String tokenId, long rights) {
        Answer issued = as(port, "issuer").post("/api/tokens", json("tokenId", tokenId,
                "computeUnit", "H100-GPU-HOUR", "computeRights", rights, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-" + tokenId, "qubits", 8, "qubitPrice", "0.20"),
                "policy", "HYBRID"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        ok(as(port, "oracle").post("/api/tokens/" + tokenId + "/verify"));
    }

    /** Sends a transfer as its {@code from} holder (a demo principal). */
    static Answer transfer(int port, String tokenId, String transferId, String from, String to, long amount) {
        return as(port, from).post("/api/tokens/" + tokenId + "/transfers",
                json("transferId", transferId, "from", from, "to", to, "amount", amount));
    }

    /**
     * Sends a request of a race; a request that gets no answer at all (the client's 20 s timeout, a reset
     * connection) is an answer with status -1, so that the race's assertions show every outcome at once.
     */
    static Answer attempt(Supplier<Answer> request) {
        try {
            return request.get();
        } catch (AssertionError noAnswer) {
            return new Answer(-1, "", String.valueOf(noAnswer.getMessage()));
        }
    }

    /** How many answers had each status, e.g. {200=137, 409=863}. */
    static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        return answer;
    }

    static long position(Answer answer) {
        return answer.json().path("position").asLong();
    }

    /** The series' supply as {@code GET /api/tokens/{id}?position=} reads it: issued, outstanding, burned. */
    static JsonNode supply(int port, String tokenId, long position) {
        return ok(as(port, "auditor").get("/api/tokens/" + tokenId + "?position=" + position))
                .json().path("supply");
    }

    /** Every holder of the series, as an auditor reads them: holder → [available, pledged]. */
    static Map<String, long[]> holders(int port, String tokenId, long position) {
        JsonNode rows = ok(as(port, "auditor")
                .get("/api/tokens/" + tokenId + "/balances?limit=500&position=" + position)).json();
        Map<String, long[]> holders = new TreeMap<>();
        rows.forEach(row -> holders.put(row.path("holder").asText(),
                new long[] {row.path("available").asLong(), row.path("pledged").asLong()}));
        return holders;
    }
}
