package org.ctl.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.HttpLedgerClient.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scrapes {@code /actuator/prometheus} after a scripted history and reads it as Prometheus does (the text format,
 * parsed): the ledger's gauges per series (outstanding supply, CR), its counters of refused commands by rule and
 * of flags by verdict, and Axon's own meters of the command bus, the event store and the processors.
 */
// Spring Boot's tests switch metric exporters off unless asked: this one is about the Prometheus exporter.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-metrics-${random.uuid}")
class LedgerMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void exposesTheLedgersMetricsInThePrometheusTextFormat() throws IOException {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        HttpLedgerClient oracle = HttpLedgerClient.as(port, "oracle");
        HttpLedgerClient alice = HttpLedgerClient.as(port, "alice");
        HttpLedgerClient bob = HttpLedgerClient.as(port, "bob");

        // M1: issued, verified, 4 to alice, 2 burned: 8 outstanding.
        ok(issuer.post("/api/tokens", issuance("M1", "C-M1", "HYBRID")));
        ok(oracle.post("/api/tokens/M1/verify"));
        ok(issuer.post("/api/tokens/M1/transfers", json("transferId", "t1", "from", "issuer", "to", "alice",
                "amount", 4)));
        ok(issuer.post("/api/tokens/M1/burns", json("burnId", "b1", "holder", "issuer", "amount", 2,
                "reason", "compute redeemed")));
        // M2 (hard stop) flagged ILLEGITIMATE: worthless. M3 (hybrid) flagged DISPUTED: wound up, none outstanding.
        ok(issuer.post("/api/tokens", issuance("M2", "C-M2", "HARD_STOP")));
        ok(oracle.post("/api/tokens/M2/verify"));
        ok(oracle.post("/api/tokens/M2/flags", json("flagId", "f2", "verdict", "ILLEGITIMATE", "reason", "fake")));
        ok(issuer.post("/api/tokens", issuance("M3", "C-M3", "HYBRID")));
        ok(oracle.post("/api/tokens/M3/verify"));
        ok(oracle.post("/api/tokens/M3/flags", json("flagId", "f3", "verdict", "DISPUTED", "reason", "vault")));
        // A new collateral price: M1's CR = 8 × 0.50 / (8 × 1.00) = 0.5.
        ok(oracle.post("/api/prices", json("priceId", "px1", "kind", "COLLATERAL", "unit", "QUBIT",
                "price", "0.50")));
        // Refusals: one NOT_HOLDER, two INSUFFICIENT_AVAILABLE_BALANCE, one UNKNOWN_TOKEN, one TOKEN_NOT_ACTIVE.
        refused(bob.post("/api/tokens/M1/transfers", json("transferId", "r1", "from", "issuer", "to", "bob",
                "amount", 1)), "NOT_HOLDER");
        refused(alice.post("/api/tokens/M1/transfers", json("transferId", "r2", "from", "alice", "to", "bob",
                "amount", 5)), "INSUFFICIENT_AVAILABLE_BALANCE");
        refused(alice.post("/api/tokens/M1/burns", json("burnId", "r3", "holder", "alice", "amount", 9,
                "reason", "too many")), "INSUFFICIENT_AVAILABLE_BALANCE");
        refused(issuer.post("/api/tokens/NOPE/transfers", json("transferId", "r4", "from", "issuer", "to", "bob",
                "amount", 1)), "UNKNOWN_TOKEN");
        refused(issuer.post("/api/tokens/M2/transfers", json("transferId", "r5", "from", "issuer", "to", "bob",
                "amount", 1)), "TOKEN_NOT_ACTIVE");
        // A request refused before it is a command (malformed) is not a ledger refusal.
        assertThat(issuer.post("/api/tokens/M1/transfers", "{\"transferId\":").status()).isEqualTo(400);

        HttpLedgerClient auditor = HttpLedgerClient.as(port, "auditor");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText metrics = scrape(auditor);
            assertThat(metrics.value("ctl_series_outstanding_units", "series", "M1")).contains(8.0);
            assertThat(metrics.value("ctl_series_collateralization_ratio", "series", "M1")).contains(0.5);
            assertThat(metrics.value("ctl_series_outstanding_units", "series", "M2")).contains(10.0);
            assertThat(metrics.value("ctl_series_collateralization_ratio", "series", "M2")).contains(0.0);
            assertThat(metrics.value("ctl_series_outstanding_units", "series", "M3")).contains(0.0);
            assertThat(metrics.value("ctl_series_collateralization_ratio", "series", "M3").orElseThrow()).isNaN();
        });

        PrometheusText metrics = scrape(auditor);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), auditor.get("/actuator/prometheus").text());
        assertThat(metrics.types).containsEntry("ctl_series_outstanding_units", "gauge")
                .containsEntry("ctl_series_collateralization_ratio", "gauge")
                .containsEntry("ctl_commands_refused_total", "counter")
                .containsEntry("ctl_flags_total", "counter");
        assertThat(metrics.all("ctl_commands_refused_total")).hasSize(5);
        assertThat(metrics.value("ctl_commands_refused_total", "rule", "NOT_HOLDER", "command", "TransferUnits"))
                .contains(1.0);
        assertThat(metrics.value("ctl_commands_refused_total", "rule", "INSUFFICIENT_AVAILABLE_BALANCE",
                "command", "TransferUnits")).contains(1.0);
        assertThat(metrics.value("ctl_commands_refused_total", "rule", "INSUFFICIENT_AVAILABLE_BALANCE",
                "command", "BurnUnits")).contains(1.0);
        assertThat(metrics.value("ctl_commands_refused_total", "rule", "UNKNOWN_TOKEN")).contains(1.0);
        assertThat(metrics.value("ctl_commands_refused_total", "rule", "TOKEN_NOT_ACTIVE")).contains(1.0);
        assertThat(metrics.all("ctl_flags_total")).hasSize(2);
        assertThat(metrics.value("ctl_flags_total", "verdict", "ILLEGITIMATE", "policy", "HARD_STOP",
                "outcome", "WORTHLESS")).contains(1.0);
        assertThat(metrics.value("ctl_flags_total", "verdict", "DISPUTED", "policy", "HYBRID",
                "outcome", "WOUND_UP")).contains(1.0);

        // Axon's own, tagged by message type and processor (axon.metrics.micrometer.dimensional=true).
        assertThat(metrics.value("commandBus_successCounter_total", "payloadType", "IssueToken")).contains(3.0);
        assertThat(metrics.value("commandBus_failureCounter_total", "payloadType", "TransferUnits")).isPresent();
        // 12 events stored: 3 issuances, 3 verifications, a transfer, a burn, 2 flags, a wind-up, a price.
        assertThat(metrics.value("eventStore_ingestedCounter_total")).contains(12.0);
        assertThat(metrics.all("eventProcessor_latency").stream().map(sample -> sample.labels().get("processorName")))
                .contains("series", "balances", "provenance", "write-side-lookups");
    }

    private static PrometheusText scrape(HttpLedgerClient auditor) {
        Answer answer = auditor.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain").contains("version=0.0.4");
        return PrometheusText.parse(answer.text());
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    private static void refused(Answer answer, String code) {
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        assertThat(answer.code()).isEqualTo(code);
    }

    private static String issuance(String tokenId, String collateralId, String policy) {
        return json("tokenId", tokenId, "computeUnit", "H100-GPU-HOUR", "computeRights", 10,
                "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", collateralId, "qubits", 8, "qubitPrice", "0.20"),
                "policy", policy);
    }
}
