package org.ctl.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.faults.Fixtures.holders;
import static org.ctl.infra.faults.Fixtures.ok;
import static org.ctl.infra.faults.Fixtures.transfer;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command id is spent once: the same transfer sent twenty times over real HTTP, ten of them at once, moves its
 * units once and answers every time as the first time; the same id with other content is refused, also after a
 * restart of the ledger on the same H2 file, and also when the two contents race each other.
 */
class IdempotentCommandIdTest {

    static final String DUP = json("transferId", "dup", "from", "alice", "to", "bob", "amount", 3);

    @TempDir
    Path dataDirectory;

    @Test
    void theSameTransferSentTwentyTimesIsStoredOnceAndAnswersAsTheFirstAlsoAfterARestart() {
        JsonNode first;
        List<DomainEventMessage<?>> stored;
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            int port = ledger.port();
            Fixtures.activeSeries(port, "ID1", 10);
            ok(transfer(port, "ID1", "fund-alice", "issuer", "alice", 10));
            int eventsBefore = ledger.events("ID1").size();

            HttpLedgerClient alice = HttpLedgerClient.as(port, "alice");
            List<Callable<Answer>> burst = Collections.nCopies(10,
                    () -> Fixtures.attempt(() -> alice.post("/api/tokens/ID1/transfers", DUP)));
            List<Answer> answers = new ArrayList<>(Race.run(10, burst, Duration.ofSeconds(60)));
            for (int i = 0; i < 10; i++) {
                answers.add(alice.post("/api/tokens/ID1/transfers", DUP));
            }
            System.out.printf("IdempotentCommandIdTest: 20 sends of one transfer, answers by status %s%n",
                    Fixtures.statuses(answers));

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
            // Exactly one send did it (one of the ten at once: the ten after them come later); every other one
            // says it repeated. A second transfer of the same 3 units would show as two answers with
            // repeated=false, two events and bob holding 6.
            List<JsonNode> bodies = answers.stream().map(Answer::json).toList();
            List<JsonNode> originals = bodies.stream().filter(body -> !body.path("repeated").asBoolean()).toList();
            assertThat(originals).hasSize(1);
            assertThat(bodies.subList(0, 10)).contains(originals.get(0));
            first = originals.get(0);
            assertThat(first.path("stream").asText()).isEqualTo("ID1");
            assertThat(first.path("commandId").asText()).isEqualTo("dup");
            assertThat(bodies).allSatisfy(body -> assertSameOutcome(body, first));

            stored = ledger.events("ID1");
            assertThat(stored).hasSize(eventsBefore + 1);
            assertThat(transfersWithId(stored, "dup")).hasSize(1);
            long at = first.path("position").asLong();
            assertThat(holders(port, "ID1", at)).containsOnlyKeys("alice", "bob");
            assertThat(holders(port, "ID1", at).get("alice")).containsExactly(7, 0);
            assertThat(holders(port, "ID1", at).get("bob")).containsExactly(3, 0);

            assertReusedWithOtherContentIsRefused(port);
            assertThat(ledger.events("ID1")).hasSize(stored.size());
        }

        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            int port = ledger.port();
            Answer again = HttpLedgerClient.as(port, "alice").post("/api/tokens/ID1/transfers", DUP);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().path("repeated").asBoolean()).isTrue();
            assertSameOutcome(again.json(), first);
            assertReusedWithOtherContentIsRefused(port);
            assertThat(ledger.events("ID1")).extracting(DomainEventMessage::getIdentifier)
                    .containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList());
            long at = first.path("position").asLong();
            assertThat(holders(port, "ID1", at).get("alice")).containsExactly(7, 0);
            assertThat(holders(port, "ID1", at).get("bob")).containsExactly(3, 0);
        }
    }

    @Test
    void whenTwoContentsRaceUnderOneIdExactlyOneIsStoredAndTheOtherIsRefused() {
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            int port = ledger.port();
            Fixtures.activeSeries(port, "ID2", 10);
            ok(transfer(port, "ID2", "fund-alice", "issuer", "alice", 10));
            int eventsBefore = ledger.events("ID2").size();

            // Ten sends of id "race" at once: five ask for 1 unit to bob, five for 2 units to carol.
            HttpLedgerClient alice = HttpLedgerClient.as(port, "alice");
            List<String> bodies = new ArrayList<>();
            List<Callable<Answer>> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String body = i % 2 == 0
                        ? json("transferId", "race", "from", "alice", "to", "bob", "amount", 1)
                        : json("transferId", "race", "from", "alice", "to", "carol", "amount", 2);
                bodies.add(body);
                burst.add(() -> Fixtures.attempt(() -> alice.post("/api/tokens/ID2/transfers", body)));
            }
            List<Answer> answers = Race.run(10, burst, Duration.ofSeconds(60));
            System.out.printf("IdempotentCommandIdTest: two contents racing under one id, answers by status %s%n",
                    Fixtures.statuses(answers));

            // The five of the content that got there first are 200, the five of the other 422. Both contents
            // stored under one id would show as ten 200s and two events.
            List<DomainEventMessage<?>> winners = transfersWithId(ledger.events("ID2"), "race");
            assertThat(winners).hasSize(1);
            assertThat(ledger.events("ID2")).hasSize(eventsBefore + 1);
            String winner = ((UnitsTransferred) winners.get(0).getPayload()).to().value();
            for (int i = 0; i < 10; i++) {
                Answer answer = answers.get(i);
                if (bodies.get(i).contains("\"" + winner + "\"")) {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
                    assertThat(answer.code()).isEqualTo("ID_REUSED_WITH_OTHER_CONTENT");
                }
            }
            assertThat(answers).filteredOn(answer -> answer.status() == 200)
                    .filteredOn(answer -> !answer.json().path("repeated").asBoolean()).hasSize(1);
        }
    }

    /**
     * A series keeps only its most recent accepted commands at hand ({@code RecentCommands}); an id it let go is
     * found in the {@code accepted_command} table, written with the events. After 1,100 more transfers, sent by 8
     * threads so that they commit in groups, the first transfer's id still answers as the first time and is still
     * refused with other content, also after a restart; every accepted command has exactly one row, also when the
     * table is filled from the stored events by the upgrade to this version.
     */
    @Test
    void aTransferIdTheSeriesNoLongerKeepsAtHandIsStillSpentOnceAlsoAfterARestart() {
        JsonNode first;
        int eventsAfter;
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            int port = ledger.port();
            Fixtures.activeSeries(port, "ID1", 2_000);
            ok(transfer(port, "ID1", "fund-alice", "issuer", "alice", 10));
            first = ok(transfer(port, "ID1", "dup", "alice", "bob", 3)).json();

            TokenId series = TokenId.of("ID1");
            List<Callable<Object>> later = new ArrayList<>();
            for (int i = 0; i < 1_100; i++) {
                TransferUnits gift = new TransferUnits(series, CommandId.of("later-" + i), HolderId.of("issuer"),
                        HolderId.of(i % 2 == 0 ? "carol" : "dave"), Units.of(1));
                later.add(() -> ledger.send("issuer", gift));
            }
            Race.run(8, later, Duration.ofSeconds(120));

            assertRepeatAnswersAsFirstAndReuseIsRefused(port, first);
            eventsAfter = ledger.events("ID1").size();
            assertThat(transfersWithId(ledger.events("ID1"), "dup")).hasSize(1);
            JdbcTemplate jdbc = new JdbcTemplate(ledger.bean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM accepted_command WHERE token_id = 'ID1'",
                    Integer.class)).isEqualTo(1_102);
            assertThat(jdbc.queryForObject(
                    "SELECT sequence_number FROM accepted_command WHERE token_id = 'ID1' AND command_key = ?",
                    Long.class, "transfer:dup")).isEqualTo(first.path("sequence").asLong());
        }

        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            assertRepeatAnswersAsFirstAndReuseIsRefused(ledger.port(), first);
            assertThat(ledger.events("ID1")).hasSize(eventsAfter);
            assertThat(holders(ledger.port(), "ID1", first.path("position").asLong()).get("bob"))
                    .containsExactly(3, 0);
            // Back to a ledger of the version before the table: its migrations (V82, V83) and the later ones
            // (V84 may run again: it only drops what is there) not applied yet.
            JdbcTemplate jdbc = new JdbcTemplate(ledger.bean(DataSource.class));
            jdbc.update("DROP TABLE accepted_command");
            jdbc.update("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('82', '83', '84')");
        }

        // The upgrade fills the table from the stored events (V83) before the first command.
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, Fixtures.NO_RATE_LIMIT)) {
            JdbcTemplate jdbc = new JdbcTemplate(ledger.bean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM accepted_command WHERE token_id = 'ID1'",
                    Integer.class)).isEqualTo(1_102);
            assertRepeatAnswersAsFirstAndReuseIsRefused(ledger.port(), first);
            assertThat(ledger.events("ID1")).hasSize(eventsAfter);
        }
    }

    private static void assertRepeatAnswersAsFirstAndReuseIsRefused(int port, JsonNode first) {
        Answer again = transfer(port, "ID1", "dup", "alice", "bob", 3);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("repeated").asBoolean()).isTrue();
        assertSameOutcome(again.json(), first);
        assertReusedWithOtherContentIsRefused(port);
    }

    private static void assertSameOutcome(JsonNode answer, JsonNode first) {
        assertThat(answer.path("stream").asText()).isEqualTo(first.path("stream").asText());
        assertThat(answer.path("commandId").asText()).isEqualTo(first.path("commandId").asText());
        assertThat(answer.path("sequence").asLong()).isEqualTo(first.path("sequence").asLong());
        assertThat(answer.path("position").asLong()).isEqualTo(first.path("position").asLong());
    }

    /** The same id with another amount or another receiver: 422, nothing stored. */
    private static void assertReusedWithOtherContentIsRefused(int port) {
        for (Answer reused : List.of(transfer(port, "ID1", "dup", "alice", "bob", 4),
                transfer(port, "ID1", "dup", "alice", "carol", 3))) {
            assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
            assertThat(reused.code()).isEqualTo("ID_REUSED_WITH_OTHER_CONTENT");
        }
    }

    private static List<DomainEventMessage<?>> transfersWithId(List<DomainEventMessage<?>> events, String id) {
        return events.stream().filter(event -> event.getPayload() instanceof UnitsTransferred transfer
                && transfer.transferId().value().equals(id)).toList();
    }
}
