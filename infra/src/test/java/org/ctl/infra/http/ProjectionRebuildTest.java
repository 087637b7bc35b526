package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.flag;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.infra.principal.ActingAs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** A projection rebuilt through Axon's own reset and replay equals the one built live, table by table. */
@SpringBootTest(properties = "ctl.data-dir=${java.io.tmpdir}/ctl-rebuild-${random.uuid}")
class ProjectionRebuildTest {

    private static final Map<String, List<String>> TABLES_BY_PROJECTION = Map.of(
            Projections.SERIES, List.of("series_summary", "market_price"),
            Projections.BALANCES, List.of("balance_series", "holding"),
            Projections.PROVENANCE, List.of("provenance_entry", "provenance_party"));

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    JdbcTemplate jdbc;

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    @Test
    void rebuildsEveryProjectionToWhatItWasLive() {
        for (String series : List.of("R1", "R2", "R3")) {
            GovernancePolicy policy = switch (series) {
                case "R1" -> GovernancePolicy.HARD_STOP;
                case "R2" -> GovernancePolicy.GRACEFUL_EXIT;
                default -> GovernancePolicy.HYBRID;
            };
            as("issuer", issue(series, 1_000, "C-" + series, policy));
            as("oracle", verify(series));
            as("issuer", transfer(series, series + "-t1", "issuer", "alice", 300));
            as("alice", transfer(series, series + "-t2", "alice", "bob", 100));
            as("alice", pledge(series, series + "-p1", "alice", "carol", 50));
            as("bob", burn(series, series + "-b1", "bob", 10));
        }
        as("oracle", collateralPrice("rp-1", "0.35"));
        as("oracle", flag("R1", "R1-f", Verdict.ILLEGITIMATE));
        as("oracle", flag("R2", "R2-f", Verdict.DISPUTED));

        long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        awaitAllAt(head);
        Map<String, List<Map<String, Object>>> live = dumpReadModels();
        assertThat(live.get("holding")).isNotEmpty();
        assertThat(live.get("provenance_entry")).hasSizeGreaterThan(20);

        for (String group : TABLES_BY_PROJECTION.keySet()) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            for (String table : TABLES_BY_PROJECTION.get(group)) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class))
                        .as("%s is emptied by the reset, so what follows is a rebuild from the events", table).isZero();
            }
            processor.start();
        }
        awaitAllAt(head);

        assertThat(dumpReadModels()).isEqualTo(live);
    }

    private void awaitAllAt(long head) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TABLES_BY_PROJECTION.keySet().stream()
                .allMatch(group -> progress.position(group) >= head));
    }

    private Map<String, List<Map<String, Object>>> dumpReadModels() {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        TABLES_BY_PROJECTION.values().stream().flatMap(List::stream).sorted().forEach(table ->
                dump.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")));
        return dump;
    }
}
