package org.ctl.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/** The graceful exit's split of the collateral: conserved to the cent, fair to within a cent, deterministic. */
class ProRataClaimsProperties {

    private static final String HOLDER_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";
    private static final BigDecimal CENT = new BigDecimal("0.01");

    @Property(tries = 500)
    void claimsAddUpToTheCollateralValueToTheCent(@ForAll("holdings") Map<HolderId, Units> holdings,
                                                  @ForAll("collateralValues") Money collateralValue) {
        List<CollateralClaim> claims = ProRataClaims.split(holdings, collateralValue);

        BigDecimal total = claims.stream().map(claim -> claim.claim().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo(collateralValue.toCents());
    }

    @Property(tries = 500)
    void eachClaimIsWithinACentOfItsExactShare(@ForAll("holdings") Map<HolderId, Units> holdings,
                                               @ForAll("collateralValues") Money collateralValue) {
        List<CollateralClaim> claims = ProRataClaims.split(holdings, collateralValue);

        BigDecimal totalUnits = new BigDecimal(totalUnits(holdings));
        for (CollateralClaim claim : claims) {
            // |claim − value × units / total| < 0.01, multiplied through by total so that it stays exact.
            BigDecimal gap = claim.claim().amount().multiply(totalUnits)
                    .subtract(collateralValue.amount().multiply(BigDecimal.valueOf(claim.units().value())))
                    .abs();
            assertThat(gap).isLessThan(CENT.multiply(totalUnits));
            assertThat(claim.claim().amount().signum()).isNotNegative();
            assertThat(claim.claim().amount().scale()).isEqualTo(Money.DISPLAY_SCALE);
        }
    }

    @Property(tries = 500)
    void givesEveryHolderOneClaimForItsUnitsSortedByHolder(@ForAll("holdings") Map<HolderId, Units> holdings,
                                                           @ForAll("collateralValues") Money collateralValue) {
        List<CollateralClaim> claims = ProRataClaims.split(holdings, collateralValue);

        assertThat(claims).extracting(CollateralClaim::holder)
                .containsExactlyElementsOf(holdings.keySet().stream()
                        .sorted(Comparator.comparing(HolderId::value)).toList());
        assertThat(claims).allSatisfy(claim -> assertThat(claim.units()).isEqualTo(holdings.get(claim.holder())));
    }

    @Property(tries = 500)
    void splitsTheSameWayWhateverTheOrderOfTheHoldings(@ForAll("holdings") Map<HolderId, Units> holdings,
                                                       @ForAll("collateralValues") Money collateralValue) {
        List<HolderId> reversedHolders = new ArrayList<>(holdings.keySet());
        java.util.Collections.reverse(reversedHolders);
        Map<HolderId, Units> reversed = new LinkedHashMap<>();
        reversedHolders.forEach(holder -> reversed.put(holder, holdings.get(holder)));

        List<CollateralClaim> first = ProRataClaims.split(holdings, collateralValue);

        assertThat(ProRataClaims.split(holdings, collateralValue)).isEqualTo(first);
        assertThat(ProRataClaims.split(reversed, collateralValue)).isEqualTo(first);
    }

    @Example
    void noHoldersYieldNoClaims() {
        assertThat(ProRataClaims.split(Map.of(), Money.of("1000.00"))).isEmpty();
    }

    @Provide
    Arbitrary<Map<HolderId, Units>> holdings() {
        Arbitrary<HolderId> holders = Arbitraries.strings().withChars(HOLDER_CHARACTERS)
                .ofMinLength(1).ofMaxLength(12).map(name -> HolderId.of("h" + name));
        Arbitrary<Units> units = Arbitraries.longs().between(1, 1_000_000_000_000L).map(Units::of);
        return Arbitraries.maps(holders, units).ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<Money> collateralValues() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000000000")).ofScale(2)
                .map(Money::new);
    }

    private static BigInteger totalUnits(Map<HolderId, Units> holdings) {
        return holdings.values().stream().map(units -> BigInteger.valueOf(units.value()))
                .reduce(BigInteger.ZERO, BigInteger::add);
    }
}
