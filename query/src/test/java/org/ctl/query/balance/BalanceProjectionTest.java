package org.ctl.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.query.Events.burned;
import static org.ctl.query.Events.claim;
import static org.ctl.query.Events.computePrice;
import static org.ctl.query.Events.flagged;
import static org.ctl.query.Events.issued;
import static org.ctl.query.Events.pledged;
import static org.ctl.query.Events.released;
import static org.ctl.query.Events.seized;
import static org.ctl.query.Events.transferred;
import static org.ctl.query.Events.verified;
import static org.ctl.query.Events.woundUp;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.balance.SeriesBalance;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.query.Ledger;
import org.ctl.query.ReadModelDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BalanceProjectionTest {

    private static HolderBalance balance(String holder, long available, long pledged) {
        return new HolderBalance(HolderId.of(holder), Units.of(available), Units.of(pledged));
    }

    private static SeriesBalance seriesBalance(String series, long available, long pledged, String value) {
        return new SeriesBalance(TokenId.of(series), Units.of(available), Units.of(pledged), Money.of(value));
    }

    /** 10 rights of {@code computeUnit} at 1.00, verified. */
    private static void activeSeries(Ledger ledger, String series, String computeUnit, GovernancePolicy policy) {
        ledger.record("issuer", issued(series, "issuer", computeUnit, 10, "1.00", "C-" + series, 8, "0.20", policy));
        ledger.record("oracle", verified(series, "oracle"));
    }

    @Nested
    class OfASeries {

        @Test
        void allUnitsStartWithTheIssuer() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));

            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("issuer", 10, 0));
        }

        @Test
        void transfersPledgesReleasesSeizuresAndBurnsMoveUnitsBetweenAvailableAndPledged() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("alice", transferred("S1", "T2", "alice", "bob", 2));
            ledger.record("alice", pledged("S1", "P1", "alice", "carol", 3));
            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("alice", 1, 3),
                    balance("bob", 2, 0), balance("issuer", 4, 0));

            ledger.record("carol", released("S1", "P1", "alice", "carol", 3));
            ledger.record("bob", pledged("S1", "P2", "bob", "carol", 1));
            ledger.record("carol", seized("S1", "P2", "bob", "carol", 1));
            ledger.record("alice", burned("S1", "B1", "alice", 2, "compute redeemed"));

            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("alice", 2, 0),
                    balance("bob", 1, 0), balance("carol", 1, 0), balance("issuer", 4, 0));
        }

        @Test
        void aHolderWhoseUnitsAllLeftIsNoLongerListed() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 4));
            ledger.record("alice", transferred("S1", "T2", "alice", "bob", 3));
            ledger.record("alice", burned("S1", "B1", "alice", 1, "redeemed"));
            ledger.record("issuer", pledged("S1", "P1", "issuer", "bob", 6));
            ledger.record("bob", seized("S1", "P1", "issuer", "bob", 6));

            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("bob", 9, 0));
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "holding")).isEqualTo(1);
        }

        @Test
        void areOrderedByHolderAndBoundedByThePage() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            for (String holder : List.of("erin", "bob", "dave", "alice")) {
                ledger.record("issuer", transferred("S1", "T-" + holder, "issuer", holder, 1));
            }

            assertThat(ledger.balancesOf("S1", new Page(0, 2))).extracting(HolderBalance::holder)
                    .containsExactly(HolderId.of("alice"), HolderId.of("bob"));
            assertThat(ledger.balancesOf("S1", new Page(2, 2))).extracting(HolderBalance::holder)
                    .containsExactly(HolderId.of("dave"), HolderId.of("erin"));
            assertThat(ledger.balancesOf("S1", new Page(4, 2))).extracting(HolderBalance::holder)
                    .containsExactly(HolderId.of("issuer"));
        }

        @Test
        void anUnknownSeriesHasNoBalances() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            assertThat(ledger.balancesOf("S9", Page.FIRST)).isEmpty();
        }

        @Test
        void aWindUpLeavesNoHoldings() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.GRACEFUL_EXIT);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "disputed",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("oracle", woundUp("S1", "F1", List.of("P1"), 10, "0.20", "1.60",
                    claim("alice", 6, "0.96"), claim("issuer", 4, "0.64")));

            assertThat(ledger.balancesOf("S1", Page.FIRST)).isEmpty();
            assertThat(ledger.portfolio("alice", Page.FIRST).balances()).isEmpty();
        }
    }

    @Nested
    class OfAHolder {

        @Test
        void valuesUnitsAtTheIssuancePriceUntilAComputePriceIsPublishedAndAtTheLatestOneAfter() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));

            assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(new HolderPortfolio(HolderId.of("alice"),
                    List.of(seriesBalance("S1", 4, 2, "6.00")), Money.of("6.00")));

            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.50"));
            ledger.record("oracle", computePrice("A100-GPU-HOUR", "PX2", "oracle", "9.00"));

            assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(new HolderPortfolio(HolderId.of("alice"),
                    List.of(seriesBalance("S1", 4, 2, "15.00")), Money.of("15.00")));
        }

        @Test
        void aWorthlessSeriesIsWorthNothingButItsUnitsStayListed() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HARD_STOP);
            activeSeries(ledger, "S2", "A100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("issuer", transferred("S2", "T2", "issuer", "alice", 3));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "disputed",
                    GovernancePolicy.HARD_STOP));

            assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(new HolderPortfolio(HolderId.of("alice"),
                    List.of(seriesBalance("S1", 6, 0, "0"), seriesBalance("S2", 3, 0, "3.00")), Money.of("3.00")));
        }

        @Test
        void isPagedBySeriesIdWhileTheTotalCountsEveryHolding() {
            Ledger ledger = new Ledger();
            for (String series : List.of("S3", "S1", "S2")) {
                activeSeries(ledger, series, "H100-GPU-HOUR", GovernancePolicy.HYBRID);
                ledger.record("issuer", transferred(series, "T-" + series, "issuer", "alice", 2));
            }
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "1.25"));

            HolderPortfolio firstPage = ledger.portfolio("alice", new Page(0, 2));
            HolderPortfolio secondPage = ledger.portfolio("alice", new Page(2, 2));

            assertThat(firstPage.balances()).containsExactly(seriesBalance("S1", 2, 0, "2.50"),
                    seriesBalance("S2", 2, 0, "2.50"));
            assertThat(secondPage.balances()).containsExactly(seriesBalance("S3", 2, 0, "2.50"));
            assertThat(firstPage.totalValue()).isEqualTo(Money.of("7.50"));
            assertThat(secondPage.totalValue()).isEqualTo(Money.of("7.50"));
        }

        @Test
        void aStrangerHasAnEmptyPortfolio() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            assertThat(ledger.portfolio("nobody", Page.FIRST))
                    .isEqualTo(new HolderPortfolio(HolderId.of("nobody"), List.of(), Money.ZERO));
        }
    }

    @Nested
    class Repeats {

        @Test
        void anEventDeliveredTwiceMovesItsUnitsOnce() {
            Ledger ledger = new Ledger();
            DomainEventMessage<?> issuance = ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10,
                    "1.00", "C1", 8, "0.20", GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            DomainEventMessage<?> transfer = ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            DomainEventMessage<?> pledge = ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));

            ledger.redeliver(issuance);
            ledger.redeliver(transfer);
            ledger.redeliver(pledge);

            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("alice", 4, 2),
                    balance("issuer", 4, 0));
        }
    }

    @Nested
    class Reset {

        @Test
        void emptiesTheHoldingsAndTheSeriesItKnows() {
            Ledger ledger = new Ledger();
            activeSeries(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "holding")).isEqualTo(2);
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "balance_series")).isEqualTo(1);

            ledger.balanceProjection.reset();

            assertThat(ReadModelDatabase.rows(ledger.jdbc, "holding")).isZero();
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "balance_series")).isZero();
            assertThat(ledger.balancesOf("S1", Page.FIRST)).isEmpty();
            // The series group's tables are not this group's to empty.
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "series_summary")).isEqualTo(1);
        }
    }
}
