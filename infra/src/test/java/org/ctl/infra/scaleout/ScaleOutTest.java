package org.ctl.infra.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.infra.axon.StoreCheckedCache;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.http.Projections;
import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three ledger nodes (separate Spring applications, separate ports, separate connection pools and node ids) on one
 * PostgreSQL schema, and a fourth in a process of its own that is killed with SIGKILL. Skipped, with a message,
 * where no PostgreSQL answers at 127.0.0.1:5432.
 *
 * <p>The nodes run with short timeouts (claim timeout 4 s, gap timeout 2 s, gaps checked at every read) so that
 * handovers and gap expiry happen within the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    static final List<String> PROJECTIONS = List.of(Projections.SERIES, Projections.BALANCES, Projections.PROVENANCE,
            HandledEventsProjection.GROUP);
    static final List<String> READ_MODEL_TABLES = List.of("series_summary", "market_price", "balance_series",
            "holding", "provenance_entry", "provenance_party");
    static final ObjectMapper JSON = new ObjectMapper();

    PostgresSchema schema;
    List<Node> nodes = new ArrayList<>();
    ClusterNode a;
    ClusterNode b;
    /** The third node, in a process of its own: the one killed with SIGKILL. */
    NodeProcess c;
    /** Every answer 503 CONCURRENT_UPDATE the clients saw (a command refused after its last retry). */
    final AtomicInteger collisionRefusalsSeen = new AtomicInteger();
    /** Commands sent again with the same id because no decision came in time (the machine is shared). */
    final AtomicInteger timeoutsSeen = new AtomicInteger();

    @BeforeAll
    void startThreeNodes() throws Exception {
        schema = PostgresSchema.createOrSkip();
        a = ClusterNode.start(schema, "node-a");
        b = ClusterNode.start(schema, "node-b");
        c = NodeProcess.start(schema, "node-c");
        nodes.addAll(List.of(a, b, c));
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (c != null) {
            c.close();
        }
        for (ClusterNode node : List.of(a, b)) {
            if (node != null) {
                node.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    @Order(1)
    void aCachedSeriesIsNeverStaleAfterAnotherNodeWroteToIt() {
        assertThat(a.bean("tokenSeriesCache", Cache.class)).isInstanceOf(StoreCheckedCache.class);
        issue(a, "SC", 10);
        assertThat(transfer(a.as("treasury"), "SC", "sc-1", "treasury", "dana", 2).status()).isEqualTo(200);
        // node a now holds SC in its cache, with erin at 0; node b gives erin 3 units
        assertThat(transfer(b.as("treasury"), "SC", "sc-2", "treasury", "erin", 3).status()).isEqualTo(200);
        double collisionsBefore = collisions(a, "retried");
        // with the stale cached series, node a would refuse this (INSUFFICIENT_AVAILABLE_BALANCE)
        HttpLedgerClient.Answer spent = transfer(a.as("erin"), "SC", "sc-3", "erin", "fay", 3);
        assertThat(spent.status()).as(spent.toString()).isEqualTo(200);
        assertThat(collisions(a, "retried")).as("the fresh series came from the cache check, not from a retry")
                .isEqualTo(collisionsBefore);
        assertThat(transfer(a.as("erin"), "SC", "sc-4", "erin", "fay", 1).code())
                .isEqualTo("INSUFFICIENT_AVAILABLE_BALANCE");
    }

    @Test
    @Order(2)
    void concurrentTransfersOnOneSeriesFromThreeNodes() throws Exception {
        issue(a, "HOT", 1_000);
        assertThat(transfer(a.as("treasury"), "HOT", "hot-seed", "treasury", "dana", 18).status()).isEqualTo(200);

        // 3 nodes x 3 threads x 12 commands: even ones dana -> erin 1 unit (dana has 18), odd ones treasury -> fay.
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(9);
        List<Future<?>> work = new ArrayList<>();
        long started = System.nanoTime();
        for (Node node : nodes) {
            for (int thread = 0; thread < 3; thread++) {
                String prefix = "hot-" + node.name() + "-" + thread + "-";
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 12; i++) {
                        String id = prefix + i;
                        boolean spend = i % 2 == 0;
                        outcomes.put(id, sendUntilDecided(node, "HOT", id, spend ? "dana" : "treasury",
                                spend ? "erin" : "fay", 1));
                    }
                    return null;
                }));
            }
        }
        for (Future<?> done : work) {
            done.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        Map<String, Long> byOutcome = outcomes.entrySet().stream().collect(Collectors.groupingBy(
                entry -> (Integer.parseInt(entry.getKey().substring(entry.getKey().lastIndexOf('-') + 1)) % 2 == 0
                        ? "spend " : "give ") + entry.getValue(), Collectors.counting()));
        double retried = nodes.stream().mapToDouble(node -> collisions(node, "retried")).sum();
        double refused = nodes.stream().mapToDouble(node -> collisions(node, "refused")).sum();
        System.out.printf("SCALE-OUT 3 nodes, 108 concurrent transfers on one series in %.1f s: %s; collisions "
                + "retried %.0f, refused after the last retry %.0f (answers 503 seen by clients: %d); timed out and "
                + "sent again: %d%n", (System.nanoTime() - started) / 1e9, byOutcome, retried, refused,
                collisionRefusalsSeen.get(), timeoutsSeen.get());

        assertThat(byOutcome).as("dana's 18 units are spent exactly once; every gift is stored")
                .containsOnly(Map.entry("spend OK", 18L), Map.entry("spend INSUFFICIENT_AVAILABLE_BALANCE", 36L),
                        Map.entry("give OK", 54L));
        assertThat(refused).as("every command refused after its last retry is counted, and was answered 503")
                .isEqualTo(collisionRefusalsSeen.get());
        assertThat(retried).as("the nodes did collide, and the collisions were retried").isPositive();

        // the store: each accepted transfer exactly once, no refused one, no duplicate (aggregate, sequence)
        Map<String, Integer> stored = storedTransferIds("HOT");
        Set<String> accepted = outcomes.entrySet().stream().filter(entry -> entry.getValue().equals("OK"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(stored).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(stored.keySet()).containsAll(accepted).hasSize(accepted.size() + 2); // + hot-seed + the issue's
        assertNoDuplicateOrMissingSequence();

        // conservation, read through every node
        long head = head();
        for (Node node : nodes) {
            JsonNode balances = node.as("auditor").get("/api/tokens/HOT/balances?position=" + head).json();
            Map<String, Long> available = new HashMap<>();
            long total = 0;
            for (JsonNode holder : balances) {
                total += holder.path("available").asLong() + holder.path("pledged").asLong();
                available.put(holder.path("holder").asText(), holder.path("available").asLong());
            }
            assertThat(total).as("units held on %s equal the supply (%s)", node.name(), balances).isEqualTo(1_000);
            assertThat(available.getOrDefault("dana", 0L)).as("dana on %s", node.name()).isZero();
            assertThat(available).as(node.name()).containsEntry("erin", 18L).containsEntry("fay", 54L)
                    .containsEntry("treasury", 1_000L - 18 - 54);
        }
        assertReadModelsAlikeOnEveryNode(head, "/api/tokens/HOT/balances", "/api/holders/fay/balances",
                "/api/tokens/HOT/provenance?limit=500");
    }

    @Test
    @Order(3)
    void transactionsOpenLongerThanTheGapTimeoutStillReachEveryProjection() throws Exception {
        // two append transactions on node a, opened with other nodes' writes between them, held open while the
        // other nodes go on writing and every projection moves past those writes for more than the gap timeout
        issue(a, "GAPS", 1_000);
        SlowIssue first = SlowIssue.open(a, "SLOW-1");
        int written = writeOnOtherNodes(0, 5);
        SlowIssue second = SlowIssue.open(a, "SLOW-2");
        long openedAt = System.nanoTime();
        while (System.nanoTime() - openedAt < TimeUnit.SECONDS.toNanos(3)) {
            written = writeOnOtherNodes(written, 5);
        }
        long passed = head();
        awaitEveryProjectionAt(passed);
        Thread.sleep(2_500);  // everything the projections passed is now older than the gap timeout (2 s)
        written = writeOnOtherNodes(written, 5);
        awaitEveryProjectionAt(head());
        first.commit();
        second.commit();
        long heldFor = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - openedAt);

        for (String tokenId : List.of("SLOW-1", "SLOW-2")) {
            Long position = schema.jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, tokenId);
            System.out.printf("SCALE-OUT slow commit: %s held open %d s or more while other nodes wrote %d events; "
                    + "committed at position %d (head before: %d)%n", tokenId, heldFor, written, position, passed);
            awaitEveryProjectionAt(position);
            for (Node node : nodes) {
                HttpLedgerClient.Answer series = node.as("auditor").get("/api/tokens/" + tokenId + "?position="
                        + position);
                assertThat(series.status()).as("%s: %s", node.name(), series).isEqualTo(200);
            }
            assertThat(schema.jdbc.queryForObject("SELECT count(*) FROM handled_event h JOIN domain_event_entry e "
                    + "ON e.event_identifier = h.event_identifier WHERE e.aggregate_identifier = ?", Integer.class,
                    tokenId)).as("%s applied by the handled-events projection", tokenId).isEqualTo(1);
        }
    }

    int writeOnOtherNodes(int from, int count) {
        for (int i = from; i < from + count; i++) {
            Node writer = i % 2 == 0 ? b : c;
            assertThat(transfer(writer.as("treasury"), "GAPS", "slow-" + i, "treasury", "fay", 1).status())
                    .isEqualTo(200);
        }
        return from + count;
    }

    /** An issuance appended on a node in a transaction that stays open until {@link #commit()}. */
    record SlowIssue(CountDownLatch release, Future<?> committed, ExecutorService thread) {

        static SlowIssue open(ClusterNode node, String tokenId) throws InterruptedException {
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            TransactionTemplate transaction = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
            TokenIssued issue = new TokenIssued(TokenId.of(tokenId), HolderId.of("treasury"), "H100-GPU-HOUR",
                    Units.of(10), Money.of("1.00"), new Collateral("C-" + tokenId, null, Units.of(8),
                    Money.of("0.20")), GovernancePolicy.HYBRID);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            Future<?> committed = thread.submit(() -> transaction.executeWithoutResult(status -> {
                node.bean(EventStore.class).publish(new GenericDomainEventMessage<>("TokenSeries", tokenId, 0, issue,
                        MetaData.with(ActingPrincipal.METADATA_KEY, "treasury")));
                inserted.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).as("%s inserted", tokenId).isTrue();
            return new SlowIssue(release, committed, thread);
        }

        void commit() throws Exception {
            release.countDown();
            committed.get(30, TimeUnit.SECONDS);
            thread.shutdown();
        }
    }

    @Test
    @Order(4)
    void aKilledNodesSegmentsMoveToTheOthersAndNoEventIsLostOrAppliedTwice() throws Exception {
        issue(a, "KILL", 1_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> segmentsOwnedBy("node-c") >= PROJECTIONS.size());
        Map<String, Integer> ownedByC = segmentsOwnedByProcessor("node-c");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger resentAfterKill = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        List<Future<?>> work = new ArrayList<>();
        for (Node node : nodes) {
            String prefix = "kill-" + node.name() + "-";
            work.add(threads.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String id = prefix + i;
                    String outcome;
                    try {
                        outcome = sendUntilDecided(node, "KILL", id, "treasury", "fay", 1);
                    } catch (AssertionError deadNode) {
                        // node c died with this command in flight: the same id again, on node a
                        resentAfterKill.incrementAndGet();
                        outcome = sendUntilDecided(a, "KILL", id, "treasury", "fay", 1);
                    }
                    assertThat(outcome).as(id).isEqualTo("OK");
                    acknowledged.incrementAndGet();
                    if (node == c && resentAfterKill.get() > 0) {
                        return null;  // node c is gone
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 60);
        c.kill();
        int atKill = acknowledged.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= atKill + 60);
        stop.set(true);
        for (Future<?> done : work) {
            done.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        nodes.remove(c);

        long head = head();
        awaitEveryProjectionAt(head);
        await().atMost(Duration.ofSeconds(60)).until(() -> segmentsOwnedBy("node-c") == 0);
        System.out.printf("SCALE-OUT kill -9: node-c held %s segments, killed after %d acknowledgements (%d in "
                        + "flight sent again to node a), %d acknowledged in all; segments now held: %s%n", ownedByC,
                atKill, resentAfterKill.get(), acknowledged.get(),
                schema.jdbc.queryForList("SELECT owner, count(*) FROM token_entry GROUP BY owner ORDER BY 1"));
        assertThat(storedTransferIds("KILL")).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertEveryEventHandledExactlyOnce();
    }

    @Test
    @Order(5)
    void aNodeWhoseConnectionsWereCutServesAgain() {
        int terminated = schema.terminateConnectionsOf("node-b");
        assertThat(terminated).as("node b had connections to terminate").isPositive();
        AtomicInteger failedAttempts = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpLedgerClient.Answer answer = transfer(b.as("treasury"), "HOT", "after-cut", "treasury", "fay", 1);
            if (answer.status() != 200) {
                failedAttempts.incrementAndGet();
            }
            return answer.status() == 200;
        });
        long position = transfer(b.as("treasury"), "HOT", "after-cut", "treasury", "fay", 1).json()
                .path("position").asLong();
        assertThat(b.as("fay").get("/api/holders/fay/balances?position=" + position).status()).isEqualTo(200);
        System.out.printf("SCALE-OUT connections cut: %d of node b's connections terminated; %d attempts failed "
                + "before it served again%n", terminated, failedAttempts.get());
        awaitEveryProjectionAt(head());
    }

    @Test
    @Order(9)
    void everyProjectionOnEveryNodeEqualsAFreshReplay() {
        long head = head();
        awaitEveryProjectionAt(head);
        assertReadModelsAlikeOnEveryNode(head, "/api/tokens/HOT/balances", "/api/tokens/KILL/balances",
                "/api/tokens/SC/balances", "/api/holders/fay/balances", "/api/tokens/HOT/provenance?limit=500",
                "/api/tokens/SLOW-1");
        assertEveryEventHandledExactlyOnce();

        try (PostgresSchema fresh = PostgresSchema.createOrSkip();
             ClusterNode replay = ClusterNode.start(fresh, "replay")) {
            fresh.jdbc.update("INSERT INTO domain_event_entry SELECT * FROM " + schema.name + ".domain_event_entry");
            await().atMost(Duration.ofSeconds(90)).until(() -> PROJECTIONS.stream()
                    .allMatch(group -> replay.bean(ProjectionProgress.class).reached(group, head)));
            for (String table : READ_MODEL_TABLES) {
                assertThat(sortedRows(fresh, table)).as(table).isEqualTo(sortedRows(schema, table));
            }
            assertThat(sortedRows(schema, "holding")).hasSizeGreaterThan(5);
            assertThat(sortedRows(schema, "provenance_entry")).hasSizeGreaterThan(200);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    void issue(Node node, String tokenId, long rights) {
        HttpLedgerClient.Answer issued = node.as("treasury").post("/api/tokens", json("tokenId", tokenId,
                "computeUnit", "H100-GPU-HOUR", "computeRights", rights, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-" + tokenId, "qubits", 8, "qubitPrice", "0.20"),
                "policy", "HYBRID"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(node.as("verifier").post("/api/tokens/" + tokenId + "/verify").status()).isEqualTo(200);
    }

    static HttpLedgerClient.Answer transfer(HttpLedgerClient client, String tokenId, String transferId, String from,
                                            String to, long amount) {
        return client.post("/api/tokens/" + tokenId + "/transfers",
                json("transferId", transferId, "from", from, "to", to, "amount", amount));
    }

    /**
     * Sends a transfer as its sender until the ledger decides it: a 503 CONCURRENT_UPDATE (refused after the last
     * retry) is counted and sent again with the same id, and so is a command that timed out (503 LEDGER_TIMEOUT, or
     * no answer within the client's 20 s on this loaded machine): a repeat is answered as the first was.
     */
    String sendUntilDecided(Node node, String tokenId, String id, String from, String to, long amount) {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpLedgerClient.Answer answer = sendOnce(node.as(from), tokenId, id, from, to, amount);
            if (answer == null || answer.status() == 503 && "LEDGER_TIMEOUT".equals(answer.code())) {
                timeoutsSeen.incrementAndGet();
                continue;
            }
            if (answer.status() == 200) {
                return "OK";
            }
            if (answer.status() == 503 && "CONCURRENT_UPDATE".equals(answer.code())) {
                collisionRefusalsSeen.incrementAndGet();
                continue;
            }
            assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            return answer.code();
        }
        throw new AssertionError(id + " undecided after 20 attempts");
    }

    /** One transfer; null when no answer came in time. */
    static HttpLedgerClient.Answer sendOnce(HttpLedgerClient client, String tokenId, String id, String from,
                                            String to, long amount) {
        try {
            return transfer(client, tokenId, id, from, to, amount);
        } catch (AssertionError noAnswer) {
            if (noAnswer.getCause() instanceof java.net.http.HttpTimeoutException) {
                return null;
            }
            throw noAnswer;
        }
    }

    /** A node's count of collisions with {@code outcome} (retried, refused), from its metrics endpoint. */
    static double collisions(Node node, String outcome) {
        HttpLedgerClient.Answer metric = node.as("auditor")
                .get("/actuator/metrics/ctl.commands.collisions?tag=outcome:" + outcome);
        if (metric.status() == 404) {
            return 0;  // none yet
        }
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.json().path("measurements").get(0).path("value").asDouble();
    }

    /** Each read answers alike on every node (they share the read models, built by all of them). */
    void assertReadModelsAlikeOnEveryNode(long head, String... paths) {
        for (String path : paths) {
            String withPosition = path + (path.contains("?") ? "&" : "?") + "position=" + head;
            HttpLedgerClient.Answer onA = a.as("auditor").get(withPosition);
            assertThat(onA.status()).as(onA.toString()).isEqualTo(200);
            for (Node node : nodes) {
                assertThat(node.as("auditor").get(withPosition).text()).as("%s on %s", path, node.name())
                        .isEqualTo(onA.text());
            }
        }
    }

    long head() {
        Long head = schema.jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    void awaitEveryProjectionAt(long position) {
        ProjectionProgress progress = a.bean(ProjectionProgress.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> PROJECTIONS.stream()
                .allMatch(group -> progress.reached(group, position)));
    }

    int segmentsOwnedBy(String node) {
        return segmentsOwnedByProcessor(node).size();
    }

    Map<String, Integer> segmentsOwnedByProcessor(String node) {
        Map<String, Integer> owned = new HashMap<>();
        schema.jdbc.query("SELECT processor_name, count(*) FROM token_entry WHERE owner = ? GROUP BY processor_name",
                row -> {
                    owned.put(row.getString(1), row.getInt(2));
                }, node);
        return owned;
    }

    /** Transfer ids of the stored UnitsTransferred events of a series (and the issue's command), with counts. */
    Map<String, Integer> storedTransferIds(String tokenId) {
        Map<String, Integer> ids = new HashMap<>();
        schema.jdbc.query("SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ?",
                row -> {
                    String type = row.getString(1);
                    if (type.endsWith("UnitsTransferred") || type.endsWith("TokenIssued")) {
                        try {
                            JsonNode payload = JSON.readTree(new String(row.getBytes(2), StandardCharsets.UTF_8));
                            JsonNode transferId = payload.path("transferId");
                            String id = type.endsWith("TokenIssued") ? "issue"
                                    : transferId.isObject() ? transferId.path("value").asText() : transferId.asText();
                            ids.merge(id, 1, Integer::sum);
                        } catch (Exception unreadable) {
                            throw new AssertionError(unreadable);
                        }
                    }
                }, tokenId);
        return ids;
    }

    void assertNoDuplicateOrMissingSequence() {
        assertThat(schema.jdbc.queryForList("SELECT aggregate_identifier, sequence_number FROM domain_event_entry "
                + "GROUP BY 1, 2 HAVING count(*) > 1")).as("duplicate (aggregate, sequence)").isEmpty();
        assertThat(schema.jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry GROUP BY 1 "
                + "HAVING max(sequence_number) + 1 <> count(*) OR min(sequence_number) <> 0"))
                .as("aggregates whose sequence has a hole").isEmpty();
        assertThat(schema.jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index IS NULL",
                Integer.class)).as("committed events without a position").isZero();
    }

    void assertEveryEventHandledExactlyOnce() {
        assertThat(schema.jdbc.queryForList("SELECT event_identifier, count(*) FROM handled_event GROUP BY 1 "
                + "HAVING count(*) > 1")).as("events applied twice").isEmpty();
        assertThat(schema.jdbc.queryForList("SELECT global_index FROM domain_event_entry e WHERE NOT EXISTS "
                + "(SELECT 1 FROM handled_event h WHERE h.event_identifier = e.event_identifier)"))
                .as("events never applied").isEmpty();
        assertThat(schema.jdbc.queryForList("SELECT h.event_identifier FROM handled_event h WHERE NOT EXISTS "
                + "(SELECT 1 FROM domain_event_entry e WHERE e.event_identifier = h.event_identifier)"))
                .as("applied events that are not stored").isEmpty();
        assertThat(schema.jdbc.queryForList("SELECT h.event_identifier FROM handled_event h JOIN domain_event_entry e "
                + "ON e.event_identifier = h.event_identifier WHERE h.global_index <> e.global_index"))
                .as("events applied at another position than stored").isEmpty();
        assertNoDuplicateOrMissingSequence();
    }

    static List<String> sortedRows(PostgresSchema in, String table) {
        return in.jdbc.queryForList("SELECT * FROM " + table).stream().map(Object::toString).sorted().toList();
    }
}
