package org.ctl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.balance.SeriesBalance;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.ProRataClaims;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One ledger's life told to all three projections at once, as the write side would tell it: issuance,
 * verification, transfers, pledges, prices, burns and flags, checked through the queries the HTTP layer asks.
 */
class ScriptedHistoryTest {

    private static SeriesBalance seriesBalance(String series, long available, long pledged, String value) {
        return new SeriesBalance(TokenId.of(series), Units.of(available), Units.of(pledged), Money.of(value));
    }

    private static HolderBalance balance(String holder, long available, long pledged) {
        return new HolderBalance(HolderId.of(holder), Units.of(available), Units.of(pledged));
    }

    private static void assertPricing(Pricing pricing, String computeValue, String collateralValue, String ratio,
                                      String premium, String finalPrice) {
        assertThat(pricing).isNotNull();
        assertThat(pricing.computeValue()).isEqualTo(Money.of(computeValue));
        assertThat(pricing.collateralValue()).isEqualTo(Money.of(collateralValue));
        assertThat(pricing.collateralizationRatio()).isEqualByComparingTo(ratio);
        assertThat(pricing.riskPremium()).isEqualByComparingTo(premium);
        assertThat(pricing.finalPrice()).isEqualTo(Money.of(finalPrice));
    }

    /**
     * S1 (HYBRID, H100) and S2 (HARD_STOP, A100) are traded, pledged and priced; S3 (GRACEFUL_EXIT, H100) winds
     * up; then S1 and S2 are flagged.
     */
    private static Ledger scriptedHistory() {
        Ledger ledger = new Ledger();
        ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                GovernancePolicy.HYBRID));
        ledger.record("issuer", issued("S2", "issuer", "A100-GPU-HOUR", 100, "0.50", "C2", 40, "2.00",
                GovernancePolicy.HARD_STOP));
        ledger.record("oracle", verified("S1", "oracle"));
        ledger.record("oracle", verified("S2", "oracle"));
        ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
        ledger.record("alice", transferred("S1", "T2", "alice", "bob", 2));
        ledger.record("issuer", transferred("S2", "T3", "issuer", "alice", 30));
        ledger.record("alice", pledged("S1", "P1", "alice", "carol", 3));
        ledger.record("carol", released("S1", "P1", "alice", "carol", 3));
        ledger.record("bob", pledged("S1", "P2", "bob", "carol", 1));
        ledger.record("carol", seized("S1", "P2", "bob", "carol", 1));
        ledger.record("alice", pledged("S1", "P3", "alice", "carol", 1));
        ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX1", "oracle", "2.00"));
        ledger.record("oracle", collateralPrice("QUBIT", "PQ1", "oracle", "0.50"));
        ledger.record("alice", burned("S1", "B1", "alice", 2, "compute redeemed"));
        return ledger;
    }

    @Test
    void tradingPledgingAndPricingAreReflectedInEveryReadModel() {
        Ledger ledger = scriptedHistory();

        // Balances: S1 issuer 4, alice 1 + 1 pledged (P3), bob 1, carol 1 = 8 outstanding after alice burned 2.
        assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("alice", 1, 1),
                balance("bob", 1, 0), balance("carol", 1, 0), balance("issuer", 4, 0));
        assertThat(ledger.balancesOf("S2", Page.FIRST)).containsExactly(balance("alice", 30, 0),
                balance("issuer", 70, 0));

        // alice: S1 2 units × 2.00 (published H100 price); S2 30 × 0.50 (no A100 price: issuance price).
        assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(new HolderPortfolio(HolderId.of("alice"),
                List.of(seriesBalance("S1", 1, 1, "4.00"), seriesBalance("S2", 30, 0, "15.00")),
                Money.of("19.00")));

        SeriesView s1 = ledger.seriesOrFail("S1");
        assertThat(s1.status()).isEqualTo(SeriesStatus.ACTIVE);
        assertThat(s1.outstanding()).isEqualTo(Units.of(8));
        assertThat(s1.burned()).isEqualTo(Units.of(2));
        assertThat(s1.lastSequence()).isEqualTo(9);
        // CV 8 × 2.00 = 16.00; ColV 8 × 0.50 = 4.00; CR 0.25; RP 0.375; FP 22.00
        assertPricing(s1.pricing(), "16.00", "4.00", "0.25", "0.375", "22.00");
        // S2: CV 100 × 0.50 = 50.00; ColV 40 × 0.50 = 20.00; CR 0.4; RP 0.3; FP 65.00
        SeriesView s2 = ledger.seriesOrFail("S2");
        assertPricing(s2.pricing(), "50.00", "20.00", "0.4", "0.3", "65.00");
        assertThat(s2.lastSequence()).isEqualTo(2);

        assertThat(ledger.collateralization(Page.FIRST)).extracting(CollateralizationView::tokenId,
                        CollateralizationView::status, CollateralizationView::belowAlert)
                .containsExactly(tuple(TokenId.of("S1"), SeriesStatus.ACTIVE, true),
                        tuple(TokenId.of("S2"), SeriesStatus.ACTIVE, true));

        assertThat(ledger.provenance("S1", Page.FIRST)).extracting(ProvenanceEntry::kind).containsExactly(
                "ISSUED", "VERIFIED", "TRANSFERRED", "TRANSFERRED", "PLEDGED", "PLEDGE_RELEASED", "PLEDGED",
                "PLEDGE_SEIZED", "PLEDGED", "BURNED");
        assertThat(ledger.provenanceOf("carol", Page.FIRST)).extracting(ProvenanceEntry::kind,
                ProvenanceEntry::reference).containsExactly(tuple("PLEDGED", "P1"), tuple("PLEDGE_RELEASED", "P1"),
                tuple("PLEDGED", "P2"), tuple("PLEDGE_SEIZED", "P2"), tuple("PLEDGED", "P3"));
    }

    @Test
    void theLiveStreamFollowsPricesAndSupplyOfTheSeriesTheyTouch() {
        Ledger ledger = scriptedHistory();
        ledger.record("issuer", issued("S3", "issuer", "H100-GPU-HOUR", 10, "1.00", "C3", 8, "0.20",
                GovernancePolicy.GRACEFUL_EXIT));
        ledger.updates.clear();

        // An H100 price moves S1 and S3; a QUBIT price moves all three.
        ledger.record("oracle", computePrice("H100-GPU-HOUR", "PX2", "oracle", "4.00"));
        assertThat(ledger.updates.received()).extracting(update -> ((CollateralizationView) update).tokenId())
                .containsExactly(TokenId.of("S1"), TokenId.of("S3"));
        CollateralizationView s1 = (CollateralizationView) ledger.updates.received().get(0);
        // CV 8 × 4.00 = 32.00; ColV 4.00; CR 0.125; RP 0.4375; FP 46.00
        assertPricing(s1.pricing(), "32.00", "4.00", "0.125", "0.4375", "46.00");

        ledger.updates.clear();
        ledger.record("oracle", collateralPrice("QUBIT", "PQ2", "oracle", "5.00"));
        assertThat(ledger.updates.received()).extracting(update -> ((CollateralizationView) update).tokenId())
                .containsExactly(TokenId.of("S1"), TokenId.of("S2"), TokenId.of("S3"));
        // S2 is now over-collateralized: ColV 40 × 5.00 = 200.00 against CV 50.00.
        CollateralizationView s2 = (CollateralizationView) ledger.updates.received().get(1);
        assertPricing(s2.pricing(), "50.00", "200.00", "4", "0", "50.00");
        assertThat(s2.belowAlert()).isFalse();
        assertThat(ledger.updates.sentToOtherQueries()).isEmpty();
    }

    @Test
    void flagsSettleEachSeriesAsItsPolicySays() {
        Ledger ledger = scriptedHistory();
        ledger.record("issuer", issued("S3", "issuer", "H100-GPU-HOUR", 10, "1.00", "C3", 8, "0.20",
                GovernancePolicy.GRACEFUL_EXIT));
        ledger.record("oracle", verified("S3", "oracle"));
        ledger.record("issuer", transferred("S3", "T4", "issuer", "alice", 6));
        ledger.record("alice", pledged("S3", "P4", "alice", "bob", 2));
        ledger.updates.clear();

        // HARD_STOP: any verdict makes S2 worthless; its units stay, valued at zero.
        ledger.record("oracle", flagged("S2", "F2", "oracle", Verdict.DISPUTED, "GPUs not found",
                GovernancePolicy.HARD_STOP));
        // HYBRID, ILLEGITIMATE: S1 worthless too.
        ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.ILLEGITIMATE, "collateral never existed",
                GovernancePolicy.HYBRID));
        // GRACEFUL_EXIT: S3 burned out, P4 released, alice and the issuer get pro-rata claims at QUBIT 0.50.
        ledger.record("oracle", flagged("S3", "F3", "oracle", Verdict.DISPUTED, "audit pending",
                GovernancePolicy.GRACEFUL_EXIT));
        ledger.record("oracle", woundUp("S3", "F3", List.of("P4"), 10, "0.50", "4.00",
                claim("alice", 6, "2.40"), claim("issuer", 4, "1.60")));

        assertThat(ledger.collateralization(Page.FIRST)).containsExactly(
                new CollateralizationView(TokenId.of("S1"), SeriesStatus.WORTHLESS, Pricing.WORTHLESS, false),
                new CollateralizationView(TokenId.of("S2"), SeriesStatus.WORTHLESS, Pricing.WORTHLESS, false),
                new CollateralizationView(TokenId.of("S3"), SeriesStatus.WOUND_UP, null, false));
        assertThat(ledger.updates.received()).extracting(update -> ((CollateralizationView) update).tokenId(),
                        update -> ((CollateralizationView) update).status())
                .containsExactly(tuple(TokenId.of("S2"), SeriesStatus.WORTHLESS),
                        tuple(TokenId.of("S1"), SeriesStatus.WORTHLESS),
                        tuple(TokenId.of("S3"), SeriesStatus.WOUND_UP),
                        tuple(TokenId.of("S3"), SeriesStatus.WOUND_UP));
        assertThat(((CollateralizationView) ledger.updates.received().get(3)).pricing()).isNull();

        SeriesView s3 = ledger.seriesOrFail("S3");
        assertThat(s3.outstanding()).isEqualTo(Units.ZERO);
        assertThat(s3.burned()).isEqualTo(Units.of(10));
        assertThat(s3.issued()).isEqualTo(Units.of(10));
        assertThat(ledger.balancesOf("S3", Page.FIRST)).isEmpty();
        assertThat(ledger.balancesOf("S2", Page.FIRST)).containsExactly(balance("alice", 30, 0),
                balance("issuer", 70, 0));

        assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(new HolderPortfolio(HolderId.of("alice"),
                List.of(seriesBalance("S1", 1, 1, "0"), seriesBalance("S2", 30, 0, "0")), Money.ZERO));

        assertThat(ledger.provenance("S3", new Page(4, 10))).extracting(ProvenanceEntry::kind,
                ProvenanceEntry::detail).containsExactly(
                tuple("FLAGGED", "DISPUTED → WOUND_UP: audit pending"),
                tuple("WOUND_UP", "10 units burned; pledges released: P4; collateral value 4.00 at 0.50;"
                        + " claims: alice 2.40, issuer 1.60"));
        assertThat(ledger.provenance("S2", new Page(3, 10))).extracting(ProvenanceEntry::detail)
                .containsExactly("DISPUTED → WORTHLESS: GPUs not found");
        assertThat(ledger.provenanceOf("bob", Page.FIRST)).extracting(entry -> entry.tokenId().value(),
                ProvenanceEntry::kind).containsExactly(tuple("S1", "TRANSFERRED"), tuple("S1", "PLEDGED"),
                tuple("S1", "PLEDGE_SEIZED"), tuple("S3", "PLEDGED"));
    }

    static Stream<Arguments> everyPolicyAndVerdict() {
        List<Arguments> cases = new ArrayList<>();
        for (GovernancePolicy policy : GovernancePolicy.values()) {
            for (Verdict verdict : Verdict.values()) {
                cases.add(Arguments.of(policy, verdict));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyPolicyAndVerdict")
    void aFlagUnderEveryPolicyAndVerdict(GovernancePolicy policy, Verdict verdict) {
        Ledger ledger = new Ledger();
        ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20", policy));
        ledger.record("oracle", verified("S1", "oracle"));
        ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
        ledger.record("alice", pledged("S1", "P1", "alice", "bob", 1));
        FlagOutcome outcome = policy.outcomeFor(verdict);
        ledger.record("oracle", flagged("S1", "F1", "oracle", verdict, "the reason", policy));
        if (outcome == FlagOutcome.WOUND_UP) {
            List<CollateralClaim> claims = ProRataClaims.split(
                    Map.of(HolderId.of("alice"), Units.of(6), HolderId.of("issuer"), Units.of(4)), Money.of("1.60"));
            ledger.record("oracle", woundUp("S1", "F1", List.of("P1"), 10, "0.20", "1.60",
                    claims.toArray(CollateralClaim[]::new)));
        }

        SeriesView view = ledger.seriesOrFail("S1");
        List<ProvenanceEntry> chain = ledger.provenance("S1", Page.FIRST);
        assertThat(chain.get(4).detail()).isEqualTo(verdict + " → " + outcome + ": the reason");
        if (outcome == FlagOutcome.WORTHLESS) {
            assertThat(view.status()).isEqualTo(SeriesStatus.WORTHLESS);
            assertThat(view.outstanding()).isEqualTo(Units.of(10));
            assertThat(view.pricing()).isEqualTo(Pricing.WORTHLESS);
            assertThat(ledger.balancesOf("S1", Page.FIRST)).containsExactly(balance("alice", 5, 1),
                    balance("issuer", 4, 0));
            assertThat(ledger.portfolio("alice", Page.FIRST).totalValue()).isEqualTo(Money.ZERO);
            assertThat(chain).hasSize(5);
        } else {
            assertThat(view.status()).isEqualTo(SeriesStatus.WOUND_UP);
            assertThat(view.outstanding()).isEqualTo(Units.ZERO);
            assertThat(view.burned()).isEqualTo(Units.of(10));
            assertThat(view.pricing()).isNull();
            assertThat(ledger.balancesOf("S1", Page.FIRST)).isEmpty();
            assertThat(chain).hasSize(6);
            assertThat(chain.get(5).detail()).endsWith("claims: alice 0.96, issuer 0.64");
        }
    }

    @Test
    void aResetEmptiesEveryTableAndAReplayRebuildsTheSameAnswersWithoutPushingPastStates() {
        Ledger ledger = scriptedHistory();
        ledger.record("oracle", flagged("S2", "F2", "oracle", Verdict.ILLEGITIMATE, "fraud",
                GovernancePolicy.HARD_STOP));
        List<SeriesView> seriesBefore = ledger.allSeries(Page.FIRST);
        List<CollateralizationView> collateralizationBefore = ledger.collateralization(Page.FIRST);
        List<HolderBalance> balancesBefore = ledger.balancesOf("S1", Page.FIRST);
        HolderPortfolio portfolioBefore = ledger.portfolio("alice", Page.FIRST);
        List<ProvenanceEntry> provenanceBefore = ledger.provenance("S1", Page.FIRST);
        List<ProvenanceEntry> aliceBefore = ledger.provenanceOf("alice", Page.FIRST);

        ledger.reset();
        for (String table : List.of("series_summary", "market_price", "balance_series", "holding",
                "provenance_entry", "provenance_party")) {
            assertThat(ReadModelDatabase.rows(ledger.jdbc, table)).as(table).isZero();
        }

        ledger.updates.clear();
        ledger.replay();

        assertThat(ledger.allSeries(Page.FIRST)).isEqualTo(seriesBefore);
        assertThat(ledger.collateralization(Page.FIRST)).isEqualTo(collateralizationBefore);
        assertThat(ledger.balancesOf("S1", Page.FIRST)).isEqualTo(balancesBefore);
        assertThat(ledger.portfolio("alice", Page.FIRST)).isEqualTo(portfolioBefore);
        assertThat(ledger.provenance("S1", Page.FIRST)).isEqualTo(provenanceBefore);
        assertThat(ledger.provenanceOf("alice", Page.FIRST)).isEqualTo(aliceBefore);
        assertThat(ledger.updates.received()).isEmpty();
    }

    @Test
    void theAlertThresholdSeparatesThinFromAmpleCollateral() {
        Ledger ledger = new Ledger(org.ctl.domain.pricing.PricingKernel.seedDefault(), new BigDecimal("0.3"));
        ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                GovernancePolicy.HYBRID));
        ledger.record("issuer", issued("S2", "issuer", "A100-GPU-HOUR", 100, "0.50", "C2", 40, "2.00",
                GovernancePolicy.HARD_STOP));

        assertThat(ledger.collateralization(Page.FIRST)).extracting(CollateralizationView::belowAlert)
                .containsExactly(true, false);
    }
}
