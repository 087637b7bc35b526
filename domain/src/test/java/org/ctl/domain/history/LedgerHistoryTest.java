package org.ctl.domain.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fold of stored histories: the state it derives, and every invariant it reports at the event that breaks it. */
class LedgerHistoryTest {

    static final TokenId S = TokenId.of("S");
    static final HolderId ISSUER = HolderId.of("issuer");
    static final HolderId ORACLE = HolderId.of("oracle");
    static final HolderId ALICE = HolderId.of("alice");
    static final HolderId BOB = HolderId.of("bob");
    static final PriceFeedId QUBIT = new PriceFeedId(PriceKind.COLLATERAL, "QUBIT");

    /** A history being written: global positions from 0, sequences per stream from 0. */
    static final class Script {
        final LedgerHistory history = new LedgerHistory();
        final List<Long> positions = new ArrayList<>();
        long position;
        long sequence;
        long feedSequence;

        Script series(Object event) {
            return at(sequence++, "S", event);
        }

        Script price(String price) {
            return at(feedSequence++, QUBIT.toString(), new PricePublished(QUBIT, CommandId.of("px" + position),
                    ORACLE, Money.of(price)));
        }

        Script at(long streamSequence, String stream, Object event) {
            positions.add(position);
            history.apply(new RecordedEvent(position++, stream, streamSequence, Instant.EPOCH, event));
            return this;
        }

        List<LedgerInvariant> broken() {
            return history.breaches().stream().map(InvariantBreach::invariant).toList();
        }
    }

    static TokenIssued issued(GovernancePolicy policy) {
        return new TokenIssued(S, ISSUER, "H100", Units.of(100), Money.of("1.00"),
                new Collateral("C", null, Units.of(8), Money.of("0.20")), policy);
    }

    static Script active(GovernancePolicy policy) {
        return new Script().series(issued(policy)).series(new IssuanceVerified(S, ORACLE))
                .series(new UnitsTransferred(S, CommandId.of("t1"), ISSUER, ALICE, Units.of(40)));
    }

    static UnitsPledged pledge(String id, long amount) {
        return new UnitsPledged(S, CommandId.of(id), ALICE, BOB, Units.of(amount));
    }

    @Test
    void aLawfulHistoryFoldsToItsStateWithNoBreach() {
        Script script = active(GovernancePolicy.HYBRID)
                .series(pledge("p1", 10))
                .series(new PledgeSeized(S, CommandId.of("p1"), ALICE, BOB, Units.of(10)))
                .series(new UnitsBurned(S, CommandId.of("b1"), BOB, Units.of(4), "used"))
                .price("0.50");

        assertThat(script.history.breaches()).isEmpty();
        SeriesHistory series = script.history.series(S).orElseThrow();
        assertThat(series.outstanding()).isEqualTo(96);
        assertThat(series.burned()).isEqualTo(4);
        assertThat(script.history.balancesOfSeries(S)).containsExactly(
                new HolderBalance(ALICE, Units.of(30), Units.ZERO), new HolderBalance(BOB, Units.of(6), Units.ZERO),
                new HolderBalance(ISSUER, Units.of(60), Units.ZERO));
        SeriesView view = script.history.seriesView(S, PricingKernel.seedDefault()).orElseThrow();
        assertThat(view.collateralPrice()).isEqualTo(Money.of("0.50"));
        assertThat(view.pricing().collateralValue()).isEqualTo(Money.of("4.00"));
        assertThat(view.lastSequence()).isEqualTo(5);
        assertThat(script.history.portfolio(BOB, Page.FIRST).totalValue()).isEqualTo(Money.of("6.00"));
    }

    @Nested
    class ReportsAtTheBreakingEvent {

        @Test
        void aMoveBeforeVerification() {
            Script script = new Script().series(issued(GovernancePolicy.HYBRID))
                    .series(new UnitsTransferred(S, CommandId.of("t1"), ISSUER, ALICE, Units.of(1)));
            assertThat(script.history.breaches()).extracting(InvariantBreach::position, InvariantBreach::invariant)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, LedgerInvariant.MOVES_ONLY_WHILE_ACTIVE));
        }

        @Test
        void aMoveAfterAHardStop() {
            Script script = active(GovernancePolicy.HARD_STOP)
                    .series(new SeriesFlagged(S, CommandId.of("f"), ORACLE, Verdict.ILLEGITIMATE, "fake",
                            GovernancePolicy.HARD_STOP, FlagOutcome.WORTHLESS))
                    .series(new UnitsBurned(S, CommandId.of("b"), ALICE, Units.of(1), "late"));
            assertThat(script.broken()).containsExactly(LedgerInvariant.MOVES_ONLY_WHILE_ACTIVE);
            assertThat(script.history.seriesView(S, PricingKernel.seedDefault()).orElseThrow().status())
                    .isEqualTo(SeriesStatus.WORTHLESS);
        }

        @Test
        void aPledgeClosedTwice() {
            Script script = active(GovernancePolicy.HYBRID).series(pledge("p1", 5))
                    .series(new PledgeReleased(S, CommandId.of("p1"), ALICE, BOB, Units.of(5)))
                    .series(new PledgeReleased(S, CommandId.of("p1"), ALICE, BOB, Units.of(5)));
            assertThat(script.history.breaches()).first().satisfies(breach -> {
                assertThat(breach.invariant()).isEqualTo(LedgerInvariant.PLEDGE_CLOSED_ONCE);
                assertThat(breach.position()).isEqualTo(5);
                assertThat(breach.detail()).contains("already closed");
            });
            // The second release also left pledged units negative and unmatched by open pledges.
            assertThat(script.broken()).contains(LedgerInvariant.NO_NEGATIVE_BALANCE,
                    LedgerInvariant.PLEDGED_MATCHES_OPEN_PLEDGES);
        }

        @Test
        void anOverdraftOnceWhileItLasts() {
            Script script = active(GovernancePolicy.HYBRID)
                    .series(new UnitsTransferred(S, CommandId.of("t2"), ALICE, BOB, Units.of(50)))
                    .series(new UnitsTransferred(S, CommandId.of("t3"), BOB, ALICE, Units.of(1)))
                    .series(new UnitsTransferred(S, CommandId.of("t4"), BOB, ALICE, Units.of(49)))
                    .series(new UnitsTransferred(S, CommandId.of("t5"), ALICE, BOB, Units.of(100)));
            assertThat(script.history.breaches()).extracting(InvariantBreach::position, InvariantBreach::invariant)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, LedgerInvariant.NO_NEGATIVE_BALANCE),
                            org.assertj.core.groups.Tuple.tuple(6L, LedgerInvariant.NO_NEGATIVE_BALANCE));
        }

        @Test
        void aCommandIdUsedTwice() {
            Script script = active(GovernancePolicy.HYBRID)
                    .series(new UnitsTransferred(S, CommandId.of("t1"), ISSUER, ALICE, Units.of(40)));
            assertThat(script.broken()).containsExactly(LedgerInvariant.COMMAND_ID_ONCE);
        }

        @Test
        void aBurnThatSkipsTheSupply() {
            Script script = active(GovernancePolicy.HYBRID);
            script.history.series(S).orElseThrow().credit(ALICE, -1, 0);
            script.series(new UnitsTransferred(S, CommandId.of("t2"), ALICE, BOB, Units.of(1)));
            assertThat(script.broken()).containsExactly(LedgerInvariant.HOLDINGS_EQUAL_OUTSTANDING);
        }

        @Test
        void aGapInAStream() {
            Script script = active(GovernancePolicy.HYBRID);
            script.at(7, "S", new UnitsTransferred(S, CommandId.of("t2"), ALICE, BOB, Units.of(1)));
            assertThat(script.broken()).containsExactly(LedgerInvariant.STREAM_IN_ORDER);
        }

        @Test
        void anEventOfASeriesNeverIssued() {
            Script script = new Script().at(0, "X", new IssuanceVerified(TokenId.of("X"), ORACLE));
            assertThat(script.broken()).containsExactly(LedgerInvariant.ISSUED_ONCE);
        }

        @Test
        void aFlagWhoseOutcomeIsNotThePolicys() {
            Script script = active(GovernancePolicy.HYBRID)
                    .series(new SeriesFlagged(S, CommandId.of("f"), ORACLE, Verdict.ILLEGITIMATE, "fake",
                            GovernancePolicy.HYBRID, FlagOutcome.WOUND_UP));
            assertThat(script.broken()).contains(LedgerInvariant.FLAG_FOLLOWS_POLICY);
        }

        @Test
        void aWindUpValuedAtAnOldPriceOrMissingAHolder() {
            Script script = active(GovernancePolicy.GRACEFUL_EXIT).price("0.50")
                    .series(new SeriesFlagged(S, CommandId.of("f"), ORACLE, Verdict.DISPUTED, "doubt",
                            GovernancePolicy.GRACEFUL_EXIT, FlagOutcome.WOUND_UP))
                    .series(new SeriesWoundUp(S, CommandId.of("f"), List.of(), Units.of(100), Money.of("0.20"),
                            Money.of("1.60"), List.of(new CollateralClaim(ISSUER, Units.of(100), Money.of("1.60")))));
            assertThat(script.history.breaches()).extracting(InvariantBreach::invariant, InvariantBreach::detail)
                    .anySatisfy(breach -> assertThat(breach.toList().get(1).toString()).contains("latest price"))
                    .anySatisfy(breach -> assertThat(breach.toList().get(1).toString()).contains("claims {issuer=100}"));
            assertThat(script.broken()).containsOnly(LedgerInvariant.WIND_UP_SETTLES_EVERYTHING);
        }

        @Test
        void aLawfulWindUpBreaksNothing() {
            Script script = active(GovernancePolicy.GRACEFUL_EXIT).series(pledge("p1", 10)).price("0.50")
                    .series(new SeriesFlagged(S, CommandId.of("f"), ORACLE, Verdict.DISPUTED, "doubt",
                            GovernancePolicy.GRACEFUL_EXIT, FlagOutcome.WOUND_UP))
                    .series(new SeriesWoundUp(S, CommandId.of("f"), List.of(CommandId.of("p1")), Units.of(100),
                            Money.of("0.50"), Money.of("4.00"), List.of(
                                    new CollateralClaim(ALICE, Units.of(40), Money.of("1.60")),
                                    new CollateralClaim(ISSUER, Units.of(60), Money.of("2.40")))));
            assertThat(script.history.breaches()).isEmpty();
            assertThat(script.history.balancesOfSeries(S)).isEmpty();
            assertThat(script.history.series(S).orElseThrow().burned()).isEqualTo(100);
        }
    }
}
