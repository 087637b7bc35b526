package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.support.ReadModels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** A projection rebuilt through Axon's own reset and replay equals the one built live, table by table. */
@SpringBootTest(properties = "ctl.data-dir=${java.io.tmpdir}/ctl-rebuild-${random.uuid}")
class ProjectionRebuildTest {

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
        ReadModels.writeThreeSeriesHistory(this::as);

        long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        awaitAllAt(head);
        Map<String, List<Map<String, Object>>> live = dumpReadModels();
        assertThat(live.get("holding")).isNotEmpty();
        assertThat(live.get("provenance_entry")).hasSizeGreaterThan(20);

        for (String group : ReadModels.TABLES_BY_PROJECTION.keySet()) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            for (String table : ReadModels.TABLES_BY_PROJECTION.get(group)) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class))
                        .as("%s is emptied by the reset, so what follows is a rebuild from the events", table).isZero();
            }
            processor.start();
        }
        awaitAllAt(head);

        assertThat(dumpReadModels()).isEqualTo(live);
    }

    private void awaitAllAt(long head) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadModels.TABLES_BY_PROJECTION.keySet().stream()
                .allMatch(group -> progress.position(group) >= head));
    }

    private Map<String, List<Map<String, Object>>> dumpReadModels() {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        ReadModels.TABLES_BY_PROJECTION.values().stream().flatMap(List::stream).sorted().forEach(table ->
                dump.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")));
        return dump;
    }
}
