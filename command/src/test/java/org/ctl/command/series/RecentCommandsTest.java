package org.ctl.command.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.command.series.SeriesExamples.ALICE;
import static org.ctl.command.series.SeriesExamples.BOB;
import static org.ctl.command.series.SeriesExamples.ISSUER;
import static org.ctl.command.series.SeriesExamples.TOKEN;
import static org.ctl.command.series.SeriesExamples.active;
import static org.ctl.command.series.SeriesExamples.as;
import static org.ctl.command.series.SeriesExamples.burn;
import static org.ctl.command.series.SeriesExamples.burned;
import static org.ctl.command.series.SeriesExamples.pledge;
import static org.ctl.command.series.SeriesExamples.pledged;
import static org.ctl.command.series.SeriesExamples.seriesFixture;
import static org.ctl.command.series.SeriesExamples.transfer;
import static org.ctl.command.series.SeriesExamples.transferred;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ctl.command.StorageSerializer;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.RuleCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A series keeps only its {@link RecentCommands#CAPACITY} most recent accepted commands, so that its memory and
 * snapshots do not grow with its history, and asks the {@link AcceptedCommandLog} about an older id: a repeat of
 * any command it ever accepted still answers as the first did, and an old id still cannot be reused.
 */
class RecentCommandsTest {

    /** More accepted commands than the series keeps: the first ones ({@code t-0} …) were let go. */
    private static final int HISTORY = RecentCommands.CAPACITY + 100;

    private final AtomicInteger logQuestions = new AtomicInteger();
    private AggregateTestFixture<TokenSeries> fixture;

    @BeforeEach
    void setUp() {
        fixture = seriesFixture(store -> {
            AcceptedCommandsInStore stored = new AcceptedCommandsInStore(store);
            return (series, key) -> {
                logQuestions.incrementAndGet();
                return stored.find(series, key);
            };
        });
    }

    /** Active under HYBRID; then {@code count} transfers of one unit, {@code t-0} first, alice and bob in turn. */
    private static List<Object> longHistory(int count) {
        List<Object> history = new ArrayList<>(active(GovernancePolicy.HYBRID));
        history.add(transferred("seed", ISSUER, ALICE, 10));
        for (int i = 0; i < count; i++) {
            history.add(i % 2 == 0 ? transferred("t-" + i, ALICE, BOB, 1) : transferred("t-" + i, BOB, ALICE, 1));
        }
        return history;
    }

    /** The sequence number of transfer {@code t-i} in {@link #longHistory}: issued 0, verified 1, seed 2. */
    private static long sequenceOf(int i) {
        return 3L + i;
    }

    @Test
    void aRepeatOfACommandTheSeriesLetGoIsAnsweredFromTheLogAsTheFirstWas() {
        fixture.given(longHistory(HISTORY))
                .when(transfer("t-0", ALICE, BOB, 1), as(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), sequenceOf(0), true));
        assertThat(logQuestions).hasValue(1);
    }

    @Test
    void anIdTheSeriesLetGoCannotBeReusedWithOtherContent() {
        fixture.given(longHistory(HISTORY))
                .when(transfer("t-0", ALICE, BOB, 2), as(ALICE))
                .expectNoEvents()
                .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT));
        fixture.given(longHistory(HISTORY))
                .when(pledge("t-0", ALICE, BOB, 1), as(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(pledged("t-0", ALICE, BOB, 1));
    }

    @Test
    void aRepeatOfARecentCommandIsAnsweredWithoutTheLog() {
        fixture.given(longHistory(HISTORY))
                .when(transfer("t-" + (HISTORY - 1), BOB, ALICE, 1), as(BOB))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), sequenceOf(HISTORY - 1), true));
        assertThat(logQuestions).hasValue(0);
    }

    @Test
    void aNewCommandOfASeriesThatLetNoneGoIsAcceptedWithoutTheLog() {
        fixture.given(longHistory(RecentCommands.CAPACITY - 1))
                .when(transfer("new", ALICE, BOB, 1), as(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(transferred("new", ALICE, BOB, 1));
        assertThat(logQuestions).hasValue(0);
        fixture.given(longHistory(HISTORY))
                .when(transfer("new", ALICE, BOB, 1), as(ALICE))
                .expectEvents(transferred("new", ALICE, BOB, 1));
        assertThat(logQuestions).hasValue(1);
    }

    @Test
    void pledgesAndBurnsTheSeriesLetGoAreFoundInTheLogToo() {
        List<Object> history = new ArrayList<>(active(GovernancePolicy.HYBRID));
        history.add(transferred("seed", ISSUER, ALICE, 10));
        history.add(burned("b-old", ALICE, 1, "used"));
        history.add(pledged("p-old", ISSUER, BOB, 1));
        List<Object> transfers = longHistory(HISTORY);
        history.addAll(transfers.subList(transfers.size() - HISTORY, transfers.size()));
        fixture.given(history)
                .when(burn("b-old", ALICE, 1, "used"), as(ALICE))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 3, true));
        fixture.given(history)
                .when(pledge("p-old", ISSUER, BOB, 1), as(ISSUER))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 4, true));
        fixture.given(history)
                .when(burn("b-old", ALICE, 1, "another reason"), as(ALICE))
                .expectNoEvents()
                .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT));
    }

    @Test
    void theSeriesKeepsAtMostTheCapacityInMemoryAndInItsSnapshot() {
        AtomicReference<TokenSeries> built = new AtomicReference<>();
        fixture.given(longHistory(HISTORY))
                .when(transfer("last", ALICE, BOB, 1), as(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectState(built::set);

        String snapshot = StorageSerializer.json(built.get());

        assertThat(snapshot.split("\"key\":", -1)).hasSize(RecentCommands.CAPACITY + 1);
        assertThat(snapshot).contains("\"transfer:last\"").doesNotContain("\"transfer:t-0\"")
                .doesNotContain("\"transfer:t-100\"").contains("\"transfer:t-101\"");
        assertThat(StorageSerializer.roundTrip(built.get())).usingRecursiveComparison().isEqualTo(built.get());
    }
}
