package org.ctl.infra.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.queryhandling.QueryExecutionException;
import org.ctl.domain.balance.FindBalancesOfSeries;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.http.LedgerQueries;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.http.Projections;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.projection.ProjectionReplay;
import org.ctl.infra.projection.ReplayInProgress;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.ctl.infra.support.ReadModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replays through HTTP and Java: the rebuilt read models equal the ones before, table by table; while a replay
 * runs, the queries it affects answer 503 PROJECTION_REPLAYING and the others still answer. The replay is held
 * open deterministically by a handler of the balances group that blocks on its first replayed transfer until the
 * test releases it; "replay all" leaves a processor outside the projections untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ctl.data-dir=${java.io.tmpdir}/ctl-replay-${random.uuid}",
                "ctl.http.rate-limit.requests-per-second=100000"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionReplayTest {

    /** Holds the balances projection's replay at its first replayed transfer until released. */
    @ProcessingGroup(Projections.BALANCES)
    static class ReplayBarrier {
        volatile CountDownLatch reached = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);

        void arm() {
            reached = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @EventHandler
        void on(UnitsTransferred event, ReplayStatus status) throws InterruptedException {
            if (status.isReplay() && release.getCount() > 0) {
                reached.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the replay");
                }
            }
        }
    }

    /** A processor that is not a projection: no replay may reset it. */
    @ProcessingGroup("bystander")
    static class Bystander {
        final AtomicInteger seen = new AtomicInteger();

        @EventHandler
        void on(UnitsTransferred event) {
            seen.incrementAndGet();
        }
    }

    @TestConfiguration
    static class Probes {
        @Bean
        ReplayBarrier replayBarrier() {
            return new ReplayBarrier();
        }

        @Bean
        Bystander bystander() {
            return new Bystander();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    LedgerQueries queries;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    ProjectionReplay replay;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReplayBarrier barrier;
    @Autowired
    Bystander bystander;

    static boolean written;

    HttpLedgerClient auditor() {
        return HttpLedgerClient.as(port, "auditor");
    }

    void as(String principal, Object command) {
        ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    @BeforeEach
    void history() {
        if (written) {
            return;
        }
        written = true;
        ReadModels.writeThreeSeriesHistory(this::as);
        awaitAllAt(head());
    }

    @Test
    @Order(1)
    void aReplayOverHttpRebuildsTheBalancesAndTheirQueriesSaySoMeanwhile() {
        Map<String, List<Map<String, Object>>> before = dumpReadModels();
        JsonNode holdersBefore = auditor().get("/api/tokens/R3/balances").json();
        JsonNode portfolioBefore = auditor().get("/api/holders/alice/balances").json();
        barrier.arm();

        Answer started = auditor().post("/api/admin/projections/balances/replay");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("group").asText()).isEqualTo("balances");
        assertThat(started.json().get("replaying").asBoolean()).isTrue();
        assertThat(started.json().get("target").asLong()).isEqualTo(head());
        awaitReached();

        Answer holders = auditor().get("/api/tokens/R3/balances");
        assertThat(holders.status()).isEqualTo(503);
        assertThat(holders.code()).isEqualTo("PROJECTION_REPLAYING");
        assertThat(holders.json().get("projections").toString()).isEqualTo("[\"balances\"]");
        assertThat(retryAfter("/api/tokens/R3/balances")).isEqualTo("1");
        Answer portfolio = HttpLedgerClient.as(port, "alice").get("/api/holders/alice/balances");
        assertThat(portfolio.status()).isEqualTo(503);
        assertThat(portfolio.code()).isEqualTo("PROJECTION_REPLAYING");
        // The other projections still answer.
        assertThat(auditor().get("/api/tokens/R3").status()).isEqualTo(200);
        assertThat(auditor().get("/api/tokens/R3/provenance").status()).isEqualTo(200);
        // Java callers of the query bus are told the same.
        assertThat(javaBalancesQueryFailure()).isInstanceOf(ReplayInProgress.class);
        // One replay of a projection at a time.
        assertThat(auditor().post("/api/admin/projections/balances/replay").code()).isEqualTo("PROJECTION_REPLAYING");
        assertThat(auditor().post("/api/admin/projections/replay").status()).isEqualTo(409);
        JsonNode states = auditor().get("/api/admin/projections/replay").json();
        assertThat(states.findValuesAsText("group")).containsExactly("series", "balances", "provenance");
        assertThat(auditor().get("/api/admin/projections/balances/replay").json().get("replaying").asBoolean())
                .isTrue();
        assertThat(auditor().get("/api/admin/projections/series/replay").json().get("replaying").asBoolean())
                .isFalse();

        barrier.release.countDown();
        awaitReplayed(Projections.BALANCES);

        JsonNode state = auditor().get("/api/admin/projections/balances/replay").json();
        assertThat(state.get("finishedAt").isNull()).isFalse();
        assertThat(state.get("position").asLong()).isGreaterThanOrEqualTo(state.get("target").asLong());
        assertThat(dumpReadModels()).isEqualTo(before);
        assertThat(auditor().get("/api/tokens/R3/balances").json()).isEqualTo(holdersBefore);
        assertThat(auditor().get("/api/holders/alice/balances").json()).isEqualTo(portfolioBefore);
    }

    @Test
    @Order(2)
    void replayingAllRebuildsExactlyTheProjections() {
        Map<String, List<Map<String, Object>>> before = dumpReadModels();
        int bystanderSeen = bystander.seen.get();
        assertThat(bystanderSeen).isEqualTo(6);

        Answer started = auditor().post("/api/admin/projections/replay");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().findValuesAsText("group")).containsExactly("series", "balances", "provenance");
        ReadModels.TABLES_BY_PROJECTION.keySet().forEach(this::awaitReplayed);

        assertThat(dumpReadModels()).isEqualTo(before);
        assertThat(bystander.seen.get()).as("a processor outside the projections is not replayed")
                .isEqualTo(bystanderSeen);
    }

    @Test
    @Order(3)
    void aReplayFromJavaRebuildsOneProjection() {
        Map<String, List<Map<String, Object>>> before = dumpReadModels();
        assertThat(replay.replay(Projections.PROVENANCE).replaying()).isTrue();
        awaitReplayed(Projections.PROVENANCE);
        assertThat(dumpReadModels()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void onlyAuditorsReplayAndOnlyProjectionsCanBe() {
        for (String principal : List.of("issuer", "oracle", "alice")) {
            assertThat(HttpLedgerClient.as(port, principal).post("/api/admin/projections/balances/replay").status())
                    .as(principal).isEqualTo(403);
            assertThat(HttpLedgerClient.as(port, principal).post("/api/admin/projections/replay").status())
                    .as(principal).isEqualTo(403);
            assertThat(HttpLedgerClient.as(port, principal).get("/api/admin/projections/replay").status())
                    .as(principal).isEqualTo(403);
        }
        assertThat(HttpLedgerClient.anonymous(port).post("/api/admin/projections/replay").status()).isEqualTo(401);
        Answer unknown = auditor().post("/api/admin/projections/write-side-lookups/replay");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(auditor().post("/api/admin/projections/bystander/replay").status()).isEqualTo(404);
    }

    private String retryAfter(String path) {
        try {
            return HttpClient.newHttpClient().send(auditor().request(path).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("Retry-After").orElse(null);
        } catch (IOException | InterruptedException failed) {
            throw new AssertionError(failed);
        }
    }

    private Throwable javaBalancesQueryFailure() {
        try {
            queries.askList(new FindBalancesOfSeries(TokenId.of("R3"), Page.FIRST), HolderBalance.class);
            return null;
        } catch (QueryExecutionException wrapped) {
            return wrapped.getCause();
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private void awaitReached() {
        try {
            assertThat(barrier.reached.await(30, TimeUnit.SECONDS)).as("the replay reached the barrier").isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private void awaitReplayed(String group) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !replay.isReplaying(group));
    }

    private long head() {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
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
