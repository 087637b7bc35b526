package org.ctl.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.ctl.infra.faults.Fixtures.holders;
import static org.ctl.infra.faults.Fixtures.ok;
import static org.ctl.infra.faults.Fixtures.supply;
import static org.ctl.infra.faults.Fixtures.transfer;
import static org.ctl.infra.support.HttpLedgerClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pledges, burns and transfers racing over the same units: one holder with {@value #AVAILABLE} available units
 * sends {@value #REQUESTS} of them at once, 1 to 3 units each. What is accepted never adds up to more than she
 * had, and afterwards every unit is accounted for — in the read model over HTTP and in the events themselves,
 * folded one by one: outstanding = Σ (available + pledged) over holders, issued = outstanding + burned, at
 * every event, and no balance below zero.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctl.data-dir=${java.io.tmpdir}/ctl-racing-spends-${random.uuid}",
        Fixtures.NO_RATE_LIMIT})
class RacingSpendsTest {

    static final long ISSUED = 100;
    static final long AVAILABLE = 50;
    static final int REQUESTS = 300;
    static final int THREADS = 32;

    enum Kind { TRANSFER, PLEDGE, BURN }

    record Spend(Kind kind, String id, long amount) {
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    @Test
    void racingPledgesBurnsAndTransfersNeverSpendMoreThanIsAvailableAndConserveEveryUnit() {
        Fixtures.activeSeries(port, "RS1", ISSUED);
        ok(transfer(port, "RS1", "fund-alice", "issuer", "alice", AVAILABLE));

        Random random = new Random(20_251_125);
        List<Spend> spends = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            spends.add(new Spend(Kind.values()[i % 3], "rs-" + i, 1 + random.nextInt(3)));
        }
        HttpLedgerClient alice = Fixtures.as(port, "alice");
        List<Callable<Answer>> requests = spends.stream()
                .<Callable<Answer>>map(spend -> () -> Fixtures.attempt(() -> send(alice, spend))).toList();
        long started = System.nanoTime();
        List<Answer> answers = Race.run(THREADS, requests, Duration.ofSeconds(60));
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        Map<Kind, Long> acceptedUnits = new EnumMap<>(Kind.class);
        Map<Kind, Long> acceptedCount = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            acceptedUnits.put(kind, 0L);
            acceptedCount.put(kind, 0L);
        }
        long last = -1;
        for (int i = 0; i < REQUESTS; i++) {
            Answer answer = answers.get(i);
            Spend spend = spends.get(i);
            if (answer.status() == 200) {
                acceptedUnits.merge(spend.kind(), spend.amount(), Long::sum);
                acceptedCount.merge(spend.kind(), 1L, Long::sum);
                assertThat(answer.json().path("repeated").asBoolean()).isFalse();
                last = Math.max(last, answer.json().path("position").asLong());
            } else {
                assertThat(answer.status()).as(spend + " → " + answer).isEqualTo(409);
                assertThat(answer.code()).as(spend + " → " + answer).isEqualTo("INSUFFICIENT_AVAILABLE_BALANCE");
            }
        }
        long spent = acceptedUnits.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("RacingSpendsTest: %d requests on %d threads in %d ms, answers by status %s; accepted "
                        + "units %s (of %d available), accepted requests %s%n", REQUESTS, THREADS, tookMs,
                Fixtures.statuses(answers), acceptedUnits, AVAILABLE, acceptedCount);

        // A double spend: accepted requests adding up to more than the 50 units alice had.
        assertThat(spent).isLessThanOrEqualTo(AVAILABLE);
        // Some request was refused (300 requests ask for far more than 50 units), when alice had fewer units left
        // than it asked for, at most 3; she only ever had fewer since. So at most 2 are left: a refusal of units
        // that were there would show as more.
        assertThat(AVAILABLE - spent).isBetween(0L, 2L);

        // The read model, once it has seen the last accepted command.
        JsonNode supply = supply(port, "RS1", last);
        long burned = acceptedUnits.get(Kind.BURN);
        assertThat(supply.path("issued").asLong()).isEqualTo(ISSUED);
        assertThat(supply.path("burned").asLong()).isEqualTo(burned);
        assertThat(supply.path("outstanding").asLong()).isEqualTo(ISSUED - burned);
        Map<String, long[]> read = holders(port, "RS1", last);
        assertThat(read.keySet()).containsExactly("alice", "bob", "issuer");
        assertThat(read.get("alice")).containsExactly(AVAILABLE - spent, acceptedUnits.get(Kind.PLEDGE));
        assertThat(read.get("bob")).containsExactly(acceptedUnits.get(Kind.TRANSFER), 0);
        assertThat(read.get("issuer")).containsExactly(ISSUED - AVAILABLE, 0);
        assertThat(read.values()).allSatisfy(units -> assertThat(Math.min(units[0], units[1])).isNotNegative());
        assertThat(read.values().stream().mapToLong(units -> units[0] + units[1]).sum())
                .as("outstanding = Σ available + pledged").isEqualTo(ISSUED - burned);

        // The events themselves, folded one by one from the first; the invariants hold after each of them.
        Fold fold = new Fold();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents("RS1", 0).forEachRemaining(events::add);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSequenceNumber()).isEqualTo(i);
            fold.apply(events.get(i).getPayload());
        }
        assertThat(fold.counts).containsEntry(Kind.TRANSFER, acceptedCount.get(Kind.TRANSFER) + 1) // + fund-alice
                .containsEntry(Kind.PLEDGE, acceptedCount.get(Kind.PLEDGE))
                .containsEntry(Kind.BURN, acceptedCount.get(Kind.BURN));
        assertThat(fold.burned).isEqualTo(burned);
        assertThat(fold.outstanding).isEqualTo(ISSUED - burned);
        assertThat(fold.holdings).containsOnlyKeys(read.keySet());
        read.forEach((holder, units) -> assertThat(fold.holdings.get(holder)).as(holder).containsExactly(units));
    }

    private static Answer send(HttpLedgerClient alice, Spend spend) {
        return switch (spend.kind()) {
            case TRANSFER -> alice.post("/api/tokens/RS1/transfers",
                    json("transferId", spend.id(), "from", "alice", "to", "bob", "amount", spend.amount()));
            case PLEDGE -> alice.post("/api/tokens/RS1/pledges",
                    json("pledgeId", spend.id(), "pledger", "alice", "pledgee", "carol", "amount", spend.amount()));
            case BURN -> alice.post("/api/tokens/RS1/burns",
                    json("burnId", spend.id(), "holder", "alice", "amount", spend.amount(), "reason", "race"));
        };
    }

    /** A series' units as its events say, checked after every event. */
    static final class Fold {
        final Map<String, long[]> holdings = new TreeMap<>();
        final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        long issued;
        long outstanding;
        long burned;

        void apply(Object event) {
            if (event instanceof TokenIssued issuance) {
                issued = issuance.computeRights().value();
                outstanding = issued;
                move(issuance.issuer().value(), issued, 0);
            } else if (event instanceof IssuanceVerified) {
                return;
            } else if (event instanceof UnitsTransferred transfer) {
                count(Kind.TRANSFER);
                move(transfer.from().value(), -transfer.amount().value(), 0);
                move(transfer.to().value(), transfer.amount().value(), 0);
            } else if (event instanceof UnitsPledged pledge) {
                count(Kind.PLEDGE);
                move(pledge.pledger().value(), -pledge.amount().value(), pledge.amount().value());
            } else if (event instanceof UnitsBurned burn) {
                count(Kind.BURN);
                move(burn.holder().value(), -burn.amount().value(), 0);
                outstanding -= burn.amount().value();
                burned += burn.amount().value();
            } else {
                fail("no event of this race changes units like this: " + event);
            }
            // A double spend in the store: some holder's available or pledged units below zero.
            holdings.forEach((holder, units) -> assertThat(Math.min(units[0], units[1]))
                    .as("units of " + holder + " after " + event).isNotNegative());
            assertThat(holdings.values().stream().mapToLong(units -> units[0] + units[1]).sum())
                    .as("outstanding = Σ available + pledged, after " + event).isEqualTo(outstanding);
            assertThat(outstanding + burned).as("issued = outstanding + burned, after " + event).isEqualTo(issued);
        }

        private void count(Kind kind) {
            counts.merge(kind, 1L, Long::sum);
        }

        private void move(String holder, long available, long pledged) {
            long[] units = holdings.computeIfAbsent(holder, h -> new long[2]);
            units[0] += available;
            units[1] += pledged;
            if (units[0] == 0 && units[1] == 0) {
                holdings.remove(holder);
            }
        }
    }
}
