package org.ctl.query.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ctl.query.Events.burned;
import static org.ctl.query.Events.claim;
import static org.ctl.query.Events.collateralPrice;
import static org.ctl.query.Events.computePrice;
import static org.ctl.query.Events.flagged;
import static org.ctl.query.Events.issued;
import static org.ctl.query.Events.pledged;
import static org.ctl.query.Events.released;
import static org.ctl.query.Events.seized;
import static org.ctl.query.Events.transferred;
import static org.ctl.query.Events.verified;
import static org.ctl.query.Events.woundUp;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.PiecewiseLinearRiskPremiumCurve;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.query.Ledger;
import org.ctl.query.ReadModelDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SeriesProjectionTest {

    /** The seed's worked example: 10 rights at 1.00, 8 qubits at 0.20. */
    private static void issueSeedExample(Ledger ledger, String series, String computeUnit, GovernancePolicy policy) {
        ledger.record("issuer", issued(series, "issuer", computeUnit, 10, "1.00", "C-" + series, 8, "0.20", policy));
    }

    static void assertPricing(Pricing pricing, String computeValue, String collateralValue, String ratio,
                              String premium, String finalPrice) {
        assertThat(pricing).isNotNull();
        assertThat(pricing.computeValue()).isEqualTo(Money.of(computeValue));
        assertThat(pricing.collateralValue()).isEqualTo(Money.of(collateralValue));
        assertThat(pricing.collateralizationRatio()).isEqualByComparingTo(ratio);
        assertThat(pricing.riskPremium()).isEqualByComparingTo(premium);
        assertThat(pricing.finalPrice()).isEqualTo(Money.of(finalPrice));
    }

    @Nested
    class AnIssuedSeries {

        @Test
        void isSummarizedWithItsIssuanceAndPricedAtItsIssuancePricesUntilAnyIsPublished() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            SeriesView view = ledger.seriesOrFail("S1");

            assertThat(view.tokenId()).isEqualTo(TokenId.of("S1"));
            assertThat(view.issuer()).isEqualTo(HolderId.of("issuer"));
            assertThat(view.computeUnit()).isEqualTo("H100-GPU-HOUR");
            assertThat(view.status()).isEqualTo(SeriesStatus.PENDING_VERIFICATION);
            assertThat(view.policy()).isEqualTo(GovernancePolicy.HYBRID);
            assertThat(view.issued()).isEqualTo(Units.of(10));
            assertThat(view.outstanding()).isEqualTo(Units.of(10));
            assertThat(view.burned()).isEqualTo(Units.ZERO);
            assertThat(view.collateralId()).isEqualTo("C-S1");
            assertThat(view.collateralUnit()).isEqualTo("QUBIT");
            assertThat(view.qubits()).isEqualTo(Units.of(8));
            assertThat(view.computePrice()).isEqualTo(Money.of("1.00"));
            assertThat(view.collateralPrice()).isEqualTo(Money.of("0.20"));
            assertThat(view.verifiedBy()).isNull();
            assertThat(view.lastSequence()).isZero();
            assertPricing(view.pricing(), "10.00", "1.60", "0.16", "0.42", "14.20");
        }

        @Test
        void isVerifiedByItsOracle() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", verified("S1", "oracle"));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.status()).isEqualTo(SeriesStatus.ACTIVE);
            assertThat(view.verifiedBy()).isEqualTo(HolderId.of("oracle"));
            assertThat(view.lastSequence()).isEqualTo(1);
        }

        @Test
        void answersNothingForASeriesNeverIssued() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            assertThat(ledger.series("S9")).isEmpty();
        }
    }

    @Nested
    class LastSequence {

        @Test
        void followsEveryEventOfTheSeriesEvenThoseThatLeaveSupplyAlone() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            assertThat(ledger.seriesOrFail("S1").lastSequence()).isEqualTo(2);
            ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));
            ledger.record("bob", released("S1", "P1", "alice", "bob", 2));
            ledger.record("alice", pledged("S1", "P2", "alice", "bob", 1));
            ledger.record("bob", seized("S1", "P2", "alice", "bob", 1));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.lastSequence()).isEqualTo(6);
            assertThat(view.outstanding()).isEqualTo(Units.of(10));
        }

        @Test
        void isNotMovedByPricesWhichBelongToTheirFeedsStream() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX2", "oracle", "3.00"));

            assertThat(ledger.seriesOrFail("S1").lastSequence()).isZero();
        }
    }

    @Nested
    class Supply {

        @Test
        void burnsLeaveTheOutstandingSupplyAndArePricedOverWhatIsLeft() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", burned("S1", "B1", "issuer", 2, "compute redeemed"));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.issued()).isEqualTo(Units.of(10));
            assertThat(view.outstanding()).isEqualTo(Units.of(8));
            assertThat(view.burned()).isEqualTo(Units.of(2));
            // CV 8 × 1.00 = 8.00; ColV 1.60; CR 0.2; RP 0.5 × 0.8 = 0.4; FP 8 × 1.4 = 11.20
            assertPricing(view.pricing(), "8.00", "1.60", "0.2", "0.4", "11.20");
        }

        @Test
        void aSeriesWithNothingOutstandingHasNoPricing() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", burned("S1", "B1", "issuer", 10, "all redeemed"));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.outstanding()).isEqualTo(Units.ZERO);
            assertThat(view.burned()).isEqualTo(Units.of(10));
            assertThat(view.pricing()).isNull();
            assertThat(ledger.collateralization(Page.FIRST))
                    .containsExactly(new CollateralizationView(TokenId.of("S1"), SeriesStatus.ACTIVE, null, false));
        }
    }

    @Nested
    class LivePrices {

        @Test
        void theLatestComputeAndCollateralPricesOfTheSeriesUnitsPriceIt() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "1.50"));
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX2", "oracle", "2.00"));
            ledger.record("oracle", collateralPrice("QUBIT", "PQ1", "oracle", "0.5"));
            // Prices of other units and of the other kind of the same name leave S1 alone.
            ledger.record("oracle", computePrice("A100-GPU-HOUR", "PX3", "oracle", "9.00"));
            ledger.record("oracle", collateralPrice("H100-GPU-HOUR", "PQ2", "oracle", "9.00"));
            ledger.record("oracle", computePrice("QUBIT", "PX4", "oracle", "9.00"));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.computePrice()).isEqualTo(Money.of("2.00"));
            assertThat(view.collateralPrice()).isEqualTo(Money.of("0.50"));
            // CV 10 × 2.00 = 20.00; ColV 8 × 0.50 = 4.00; CR 0.2; RP 0.4; FP 28.00
            assertPricing(view.pricing(), "20.00", "4.00", "0.2", "0.4", "28.00");
        }

        @Test
        void anOlderPriceOfAFeedDeliveredAgainDoesNotReplaceTheLatest() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            DomainEventMessage<?> first = ledger.record("oracle",
                    computePrice("H100-GPU-HOUR", "PX1", "oracle", "1.50"));
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX2", "oracle", "2.00"));

            ledger.redeliver(first);

            assertThat(ledger.seriesOrFail("S1").computePrice()).isEqualTo(Money.of("2.00"));
        }

        @Test
        void theInjectedKernelPricesItSoThatItsCurveIsConfiguration() {
            PricingKernel gentler = new PricingKernel(PiecewiseLinearRiskPremiumCurve.parse("0:0.2,1:0"));
            Ledger ledger = new Ledger(gentler, new BigDecimal("1.0"));
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            // CR 0.16 → RP 0.2 × 0.84 = 0.168; FP 10 × 1.168 = 11.68
            assertPricing(ledger.seriesOrFail("S1").pricing(), "10.00", "1.60", "0.16", "0.168", "11.68");
        }
    }

    @Nested
    class Governance {

        @Test
        void aHardStopMakesTheSeriesWorthlessAndPricesItAtZero() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HARD_STOP);
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "no such GPUs",
                    GovernancePolicy.HARD_STOP));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.status()).isEqualTo(SeriesStatus.WORTHLESS);
            assertThat(view.outstanding()).isEqualTo(Units.of(10));
            assertThat(view.pricing()).isEqualTo(Pricing.WORTHLESS);
            assertThat(view.lastSequence()).isEqualTo(2);
            assertThat(ledger.collateralization(Page.FIRST)).containsExactly(
                    new CollateralizationView(TokenId.of("S1"), SeriesStatus.WORTHLESS, Pricing.WORTHLESS, false));
        }

        @Test
        void aGracefulExitBurnsEverythingAndLeavesNoPricing() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.GRACEFUL_EXIT);
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.ILLEGITIMATE, "collateral gone",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("oracle", woundUp("S1", "F1", List.of(), 10, "0.20", "1.60",
                    claim("alice", 6, "0.96"), claim("issuer", 4, "0.64")));

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.status()).isEqualTo(SeriesStatus.WOUND_UP);
            assertThat(view.outstanding()).isEqualTo(Units.ZERO);
            assertThat(view.burned()).isEqualTo(Units.of(10));
            assertThat(view.pricing()).isNull();
            assertThat(view.lastSequence()).isEqualTo(4);
        }
    }

    @Nested
    class Alerts {

        @Test
        void aRatioBelowTheThresholdIsBelowAlertAndOneAtItIsNot() {
            Ledger ledger = new Ledger(PricingKernel.seedDefault(), new BigDecimal("1.0"));
            issueSeedExample(ledger, "LOW", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            // 10 rights at 1.00 against 50 qubits at 0.20: CR exactly 1.0.
            ledger.record("issuer", issued("EVEN", "issuer", "H100-GPU-HOUR", 10, "1.00", "C-EVEN", 50, "0.20",
                    GovernancePolicy.HYBRID));

            assertThat(ledger.collateralization(Page.FIRST)).extracting(CollateralizationView::tokenId,
                            CollateralizationView::belowAlert)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(TokenId.of("EVEN"), false),
                            org.assertj.core.groups.Tuple.tuple(TokenId.of("LOW"), true));
        }

        @Test
        void theThresholdIsConfiguration() {
            Ledger ledger = new Ledger(PricingKernel.seedDefault(), new BigDecimal("0.15"));
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);

            assertThat(ledger.collateralization(Page.FIRST).get(0).belowAlert()).isFalse();
            ledger.record("oracle", collateralPrice("QUBIT", "PQ1", "oracle", "0.10"));
            assertThat(ledger.collateralization(Page.FIRST).get(0).belowAlert()).isTrue();
        }

        @Test
        void aNegativeThresholdStopsTheStartWithTheNameOfTheProperty() {
            assertThatThrownBy(() -> new SeriesProjection(ReadModelDatabase.migrated(), PricingKernel.seedDefault(),
                    new org.ctl.query.RecordingUpdateEmitter(), new BigDecimal("-0.1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SeriesProjection.ALERT_THRESHOLD_PROPERTY);
        }
    }

    @Nested
    class Paging {

        @Test
        void seriesAreOrderedByIdAndBoundedByThePage() {
            Ledger ledger = new Ledger();
            for (String series : List.of("S3", "S1", "S5", "S2", "S4")) {
                issueSeedExample(ledger, series, "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            }

            assertThat(ledger.allSeries(new Page(0, 2))).extracting(view -> view.tokenId().value())
                    .containsExactly("S1", "S2");
            assertThat(ledger.allSeries(new Page(2, 2))).extracting(view -> view.tokenId().value())
                    .containsExactly("S3", "S4");
            assertThat(ledger.allSeries(new Page(4, 2))).extracting(view -> view.tokenId().value())
                    .containsExactly("S5");
            assertThat(ledger.collateralization(new Page(1, 3))).extracting(view -> view.tokenId().value())
                    .containsExactly("S2", "S3", "S4");
        }
    }

    @Nested
    class Updates {

        @Test
        void supplyAndStatusChangesPushTheSeriesNewCollateralizationButMovesDoNot() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HARD_STOP);
            assertThat(ledger.updates.received()).hasSize(1);
            ledger.record("oracle", verified("S1", "oracle"));
            assertThat(ledger.updates.received()).hasSize(2);

            ledger.updates.clear();
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));
            ledger.record("bob", released("S1", "P1", "alice", "bob", 2));
            assertThat(ledger.updates.received()).isEmpty();

            ledger.record("alice", burned("S1", "B1", "alice", 2, "compute redeemed"));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.ILLEGITIMATE, "fraud",
                    GovernancePolicy.HARD_STOP));

            assertThat(ledger.updates.received()).hasSize(2);
            CollateralizationView afterBurn = (CollateralizationView) ledger.updates.received().get(0);
            assertThat(afterBurn.tokenId()).isEqualTo(TokenId.of("S1"));
            assertThat(afterBurn.status()).isEqualTo(SeriesStatus.ACTIVE);
            assertPricing(afterBurn.pricing(), "8.00", "1.60", "0.2", "0.4", "11.20");
            assertThat(afterBurn.belowAlert()).isTrue();
            assertThat(ledger.updates.received().get(1)).isEqualTo(
                    new CollateralizationView(TokenId.of("S1"), SeriesStatus.WORTHLESS, Pricing.WORTHLESS, false));
            assertThat(ledger.updates.sentToOtherQueries()).isEmpty();
        }

        @Test
        void aPriceUpdatesExactlyTheSeriesItPrices() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "H1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            issueSeedExample(ledger, "H2", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            issueSeedExample(ledger, "A1", "A100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.updates.clear();

            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
            assertThat(ledger.updates.received()).extracting(update -> ((CollateralizationView) update).tokenId())
                    .containsExactly(TokenId.of("H1"), TokenId.of("H2"));
            assertPricing(((CollateralizationView) ledger.updates.received().get(0)).pricing(),
                    "20.00", "1.60", "0.08", "0.46", "29.20");

            ledger.updates.clear();
            ledger.record("oracle", collateralPrice("QUBIT", "PQ1", "oracle", "0.40"));
            assertThat(ledger.updates.received()).extracting(update -> ((CollateralizationView) update).tokenId())
                    .containsExactly(TokenId.of("A1"), TokenId.of("H1"), TokenId.of("H2"));

            ledger.updates.clear();
            ledger.record("oracle", computePrice("B200-GPU-HOUR", "PX2", "oracle", "5.00"));
            assertThat(ledger.updates.received()).isEmpty();
        }

        @Test
        void aPriceDeliveredAgainPushesNothing() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            DomainEventMessage<?> price = ledger.record("oracle",
                    computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
            ledger.updates.clear();

            ledger.redeliver(price);

            assertThat(ledger.updates.received()).isEmpty();
        }
    }

    @Nested
    class Repeats {

        @Test
        void anEventDeliveredTwiceCountsOnce() {
            Ledger ledger = new Ledger();
            DomainEventMessage<?> issuance = ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10,
                    "1.00", "C1", 8, "0.20", GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            DomainEventMessage<?> burn = ledger.record("issuer", burned("S1", "B1", "issuer", 3, "redeemed"));
            ledger.updates.clear();

            ledger.redeliver(issuance);
            ledger.redeliver(burn);

            SeriesView view = ledger.seriesOrFail("S1");
            assertThat(view.outstanding()).isEqualTo(Units.of(7));
            assertThat(view.burned()).isEqualTo(Units.of(3));
            assertThat(view.status()).isEqualTo(SeriesStatus.ACTIVE);
            assertThat(view.lastSequence()).isEqualTo(2);
            assertThat(ledger.updates.received()).isEmpty();
        }

        @Test
        void anEventOfASeriesNeverIssuedIsAnImpossibleStateNotASilentSkip() {
            Ledger ledger = new Ledger();

            assertThatThrownBy(() -> ledger.record("oracle", verified("S1", "oracle")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("series S1");
        }
    }

    @Nested
    class Reset {

        @Test
        void emptiesTheSeriesAndPriceTables() {
            Ledger ledger = new Ledger();
            issueSeedExample(ledger, "S1", "H100-GPU-HOUR", GovernancePolicy.HYBRID);
            ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "series_summary")).isEqualTo(1);
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "market_price")).isEqualTo(1);

            ledger.seriesProjection.reset();

            assertThat(ReadModelDatabase.rows(ledger.jdbc, "series_summary")).isZero();
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "market_price")).isZero();
            assertThat(ledger.allSeries(Page.FIRST)).isEmpty();
        }
    }
}
