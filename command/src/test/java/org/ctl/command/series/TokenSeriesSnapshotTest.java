package org.ctl.command.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.command.StorageSerializer.roundTrip;
import static org.ctl.command.series.SeriesExamples.ALICE;
import static org.ctl.command.series.SeriesExamples.BOB;
import static org.ctl.command.series.SeriesExamples.CAROL;
import static org.ctl.command.series.SeriesExamples.ISSUER;
import static org.ctl.command.series.SeriesExamples.ORACLE;
import static org.ctl.command.series.SeriesExamples.ORACLE2;
import static org.ctl.command.series.SeriesExamples.TOKEN;
import static org.ctl.command.series.SeriesExamples.active;
import static org.ctl.command.series.SeriesExamples.seriesFixture;
import static org.ctl.command.series.SeriesExamples.as;
import static org.ctl.command.series.SeriesExamples.burn;
import static org.ctl.command.series.SeriesExamples.burned;
import static org.ctl.command.series.SeriesExamples.flag;
import static org.ctl.command.series.SeriesExamples.flagged;
import static org.ctl.command.series.SeriesExamples.issueToken;
import static org.ctl.command.series.SeriesExamples.pledge;
import static org.ctl.command.series.SeriesExamples.pledged;
import static org.ctl.command.series.SeriesExamples.releasePledge;
import static org.ctl.command.series.SeriesExamples.released;
import static org.ctl.command.series.SeriesExamples.seizePledge;
import static org.ctl.command.series.SeriesExamples.seized;
import static org.ctl.command.series.SeriesExamples.then;
import static org.ctl.command.series.SeriesExamples.transfer;
import static org.ctl.command.series.SeriesExamples.transferred;
import static org.ctl.command.series.SeriesExamples.verifyIssuance;
import static org.ctl.domain.governance.FlagOutcome.WOUND_UP;
import static org.ctl.domain.governance.GovernancePolicy.GRACEFUL_EXIT;
import static org.ctl.domain.governance.Verdict.DISPUTED;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ctl.command.RestoringFromSnapshot;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A series restored from a Jackson snapshot is the series its events built: same fields, and the same answer to
 * every command, repeats and id reuse included (the ids of accepted commands are part of the snapshot).
 *
 * <p>The series is built by the fixture from a history and taken out with {@code expectState}; the snapshot
 * is given to a second fixture as the first event of the stream, and {@link RestoringFromSnapshot} restores the
 * series from it through infra's storage serializer on every load, as a stored snapshot would be.
 */
class TokenSeriesSnapshotTest {

    /**
     * Issuer 36 units; alice 35 (15 available, 20 pledged to carol under p-1); bob 19 (15 available, 4 pledged to
     * carol under lien-7, 4 of them seized from the issuer under p-3); pledge p-2 released; 10 burned, 90
     * outstanding. Two pledges open, inserted out of alphabetical order.
     */
    private static List<Object> history() {
        return then(active(GRACEFUL_EXIT),
                transferred("t-1", ISSUER, ALICE, 60),
                transferred("t-2", ALICE, BOB, 15),
                pledged("p-1", ALICE, CAROL, 20),
                pledged("p-2", BOB, ALICE, 5),
                released("p-2", BOB, ALICE, 5),
                pledged("p-3", ISSUER, BOB, 4),
                seized("p-3", ISSUER, BOB, 4),
                pledged("lien-7", BOB, CAROL, 4),
                burned("b-1", ALICE, 10, "compute redeemed"));
    }

    private static FixtureConfiguration<TokenSeries> newFixture() {
        return seriesFixture(AcceptedCommandsInStore::new);
    }

    /** The series as the fixture built it from {@code history}, taken out after a harmless repeat. */
    private static TokenSeries seriesBuiltFrom(List<Object> history) {
        AtomicReference<TokenSeries> built = new AtomicReference<>();
        newFixture().given(history)
                .when(burn("b-1", ALICE, 10, "compute redeemed"), as(ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(built::set);
        return built.get();
    }

    @Test
    void restoresEveryFieldOfTheSeriesFromItsSnapshot() {
        TokenSeries built = seriesBuiltFrom(history());

        TokenSeries restored = roundTrip(built);

        assertThat(restored).isNotSameAs(built).usingRecursiveComparison().isEqualTo(built);
    }

    /** One command and what the series must answer to it. */
    record Probe(String name, Object command, HolderId principal,
                 Consumer<ResultValidator<TokenSeries>> expectation) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Probe accepted(String name, Object command, HolderId principal, Object... events) {
        return new Probe(name, command, principal,
                result -> result.expectSuccessfulHandlerExecution().expectEvents(events));
    }

    private static Probe refused(String name, Object command, HolderId principal, RuleCode code) {
        return new Probe(name, command, principal, result -> result.expectException(violates(code)).expectNoEvents());
    }

    private static CollateralClaim claim(HolderId holder, long units, String cents) {
        return new CollateralClaim(holder, Units.of(units), Money.of(cents));
    }

    static Stream<Probe> probes() {
        return Stream.of(
                refused("a transfer of one unit more than alice has available", transfer("t-9", ALICE, CAROL, 16),
                        ALICE, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE),
                accepted("a transfer of exactly alice's available units", transfer("t-9", ALICE, CAROL, 15),
                        ALICE, transferred("t-9", ALICE, CAROL, 15)),
                accepted("a transfer of bob's available units, seized ones included",
                        transfer("t-9", BOB, CAROL, 15), BOB, transferred("t-9", BOB, CAROL, 15)),
                refused("a transfer of bob's pledged units", transfer("t-9", BOB, CAROL, 16), BOB,
                        RuleCode.INSUFFICIENT_AVAILABLE_BALANCE),
                accepted("a repeat of an earlier transfer", transfer("t-1", ISSUER, ALICE, 60), ISSUER),
                refused("an earlier transfer id with other content", transfer("t-1", ISSUER, ALICE, 59), ISSUER,
                        RuleCode.ID_REUSED_WITH_OTHER_CONTENT),
                accepted("a repeat of an earlier burn", burn("b-1", ALICE, 10, "compute redeemed"), ALICE),
                refused("an earlier burn id with other content", burn("b-1", ALICE, 11, "compute redeemed"), ALICE,
                        RuleCode.ID_REUSED_WITH_OTHER_CONTENT),
                accepted("a repeat of an earlier pledge", pledge("p-1", ALICE, CAROL, 20), ALICE),
                refused("an earlier pledge id with other content", pledge("p-1", ALICE, CAROL, 21), ALICE,
                        RuleCode.ID_REUSED_WITH_OTHER_CONTENT),
                accepted("a burn of all the issuer's units", burn("b-9", ISSUER, 36, "voluntary"), ISSUER,
                        burned("b-9", ISSUER, 36, "voluntary")),
                refused("a burn of one unit more than the issuer has", burn("b-9", ISSUER, 37, "voluntary"), ISSUER,
                        RuleCode.INSUFFICIENT_AVAILABLE_BALANCE),
                accepted("a release of an open pledge", releasePledge("p-1"), CAROL,
                        released("p-1", ALICE, CAROL, 20)),
                refused("a release by the pledger", releasePledge("p-1"), ALICE, RuleCode.NOT_PLEDGEE),
                accepted("a release of a released pledge", releasePledge("p-2"), ALICE),
                refused("a seizure of a released pledge", seizePledge("p-2"), ALICE, RuleCode.PLEDGE_NOT_OPEN),
                refused("a release of a seized pledge", releasePledge("p-3"), BOB, RuleCode.PLEDGE_NOT_OPEN),
                accepted("a seizure of a seized pledge", seizePledge("p-3"), BOB),
                accepted("a repeat of the issuance", issueToken(GRACEFUL_EXIT), ISSUER),
                refused("the series id with other issuance content", issueToken(null), ISSUER,
                        RuleCode.SERIES_ALREADY_ISSUED),
                accepted("a repeat of the verification", verifyIssuance(), ORACLE),
                refused("a verification by another oracle", verifyIssuance(), ORACLE2, RuleCode.ALREADY_VERIFIED),
                accepted("a graceful exit", flag("f-1", DISPUTED, "custody disputed"), ORACLE,
                        flagged("f-1", DISPUTED, "custody disputed", GRACEFUL_EXIT, WOUND_UP),
                        new SeriesWoundUp(TOKEN, CommandId.of("f-1"),
                                List.of(CommandId.of("p-1"), CommandId.of("lien-7")), Units.of(90),
                                Money.of("0.20"), Money.of("80.00"),
                                List.of(claim(ALICE, 35, "31.11"), claim(BOB, 19, "16.89"),
                                        claim(ISSUER, 36, "32.00")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void answersFromTheFullHistoryAsTheProbeExpects(Probe probe) {
        probe.expectation().accept(newFixture().given(history()).when(probe.command(), as(probe.principal())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void answersFromTheSnapshotAsFromTheFullHistory(Probe probe) {
        TokenSeries snapshot = roundTrip(seriesBuiltFrom(history()));
        FixtureConfiguration<TokenSeries> fixture = newFixture();
        fixture.registerAggregateFactory(new RestoringFromSnapshot<>(TokenSeries.class));

        probe.expectation().accept(fixture.given(snapshot).when(probe.command(), as(probe.principal())));
    }
}
