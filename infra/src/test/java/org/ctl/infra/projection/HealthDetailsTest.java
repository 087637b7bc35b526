package org.ctl.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.infra.projection.ProjectionMonitor.ProcessorState;
import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/health} for auditors: the event store (engine, head, newest event) and each event processor
 * (projections and the write side's lookups) with its state in one word; a stopped processor makes it DOWN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-health-${random.uuid}")
class HealthDetailsTest {

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void reportsTheEventStoreAndEveryProcessorAndGoesDownWhenOneStops() {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        HttpLedgerClient auditor = HttpLedgerClient.as(port, "auditor");
        long position = issuer.post("/api/tokens", json("tokenId", "H1", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 10, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-H1", "qubits", 8, "qubitPrice", "0.20"),
                "policy", "HYBRID")).json().path("command").path("position").asLong();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = auditor.get("/actuator/health").json();
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode store = health.path("components").path("eventStore");
            assertThat(store.path("status").asText()).isEqualTo("UP");
            assertThat(store.path("details").path("head").asLong()).isEqualTo(position);
            assertThat(store.path("details").path("storageEngine").asText()).isEqualTo("JdbcEventStorageEngine");
            assertThat(store.path("details").path("newestEventAt").asText()).isNotBlank();
            JsonNode processors = health.path("components").path("eventProcessors").path("details");
            for (String projection : new String[] {"series", "balances", "provenance"}) {
                assertThat(processors.path(projection).path("state").asText()).as(projection).isEqualTo("CAUGHT_UP");
                assertThat(processors.path(projection).path("running").asBoolean()).isTrue();
                assertThat(processors.path(projection).path("error").asBoolean()).isFalse();
                assertThat(processors.path(projection).path("position").asLong()).isEqualTo(position);
            }
            JsonNode lookups = processors.path("write-side-lookups");
            assertThat(lookups.path("mode").asText()).isEqualTo("subscribing");
            assertThat(lookups.path("running").asBoolean()).isTrue();
            assertThat(lookups.path("state").asText()).isEqualTo("CAUGHT_UP");
        });

        // Everyone else sees the status only.
        assertThat(HttpLedgerClient.anonymous(port).get("/actuator/health").json().has("components")).isFalse();

        StreamingEventProcessor provenance = processing
                .eventProcessorByProcessingGroup("provenance", StreamingEventProcessor.class).orElseThrow();
        provenance.shutDown();
        try {
            JsonNode health = auditor.get("/actuator/health").json();
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("components").path("eventProcessors").path("details").path("provenance")
                    .path("state").asText()).isEqualTo("STOPPED");
            assertThat(health.path("components").path("eventStore").path("status").asText()).isEqualTo("UP");
        } finally {
            provenance.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(auditor.get("/actuator/health").json().path("status").asText()).isEqualTo("UP"));
    }

    @ParameterizedTest(name = "running {0}, error {1}, replaying {2}, lag {3}: {4}")
    @CsvSource({
            "false, false, false, 0, STOPPED",
            "true,  true,  false, 0, ERROR",
            "true,  false, false, 0, CAUGHT_UP",
            "true,  false, true,  0, CAUGHT_UP",
            "true,  false, true,  5, REPLAYING",
            "true,  false, false, 5, BEHIND"})
    void namesTheStateOfAProcessorInOneWord(boolean running, boolean error, boolean replaying, long lag,
                                            String state) {
        // Caught up wins over Axon's replay flag, which stays set after a replay that no newer event followed.
        ProcessorState processor = new ProcessorState("series", running, error, null, replaying, 10 - lag, lag,
                lag == 0, 1, 0, 0);
        assertThat(processor.state()).isEqualTo(state);
    }
}
