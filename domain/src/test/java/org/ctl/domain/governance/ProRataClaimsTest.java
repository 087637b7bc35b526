package org.ctl.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;
import org.junit.jupiter.api.Test;

class ProRataClaimsTest {

    private static final HolderId ALICE = HolderId.of("alice");
    private static final HolderId BOB = HolderId.of("bob");
    private static final HolderId CAROL = HolderId.of("carol");

    @Test
    void givesTheLeftOverCentToTheHolderThatSortsFirstWhenRemaindersTie() {
        Map<HolderId, Units> holdings = new LinkedHashMap<>();
        holdings.put(CAROL, Units.of(1));
        holdings.put(ALICE, Units.of(1));
        holdings.put(BOB, Units.of(1));

        List<CollateralClaim> claims = ProRataClaims.split(holdings, Money.of("1.00"));

        assertThat(claims).extracting(CollateralClaim::holder, claim -> claim.claim().amount())
                .containsExactly(
                        tuple(ALICE, new BigDecimal("0.34")),
                        tuple(BOB, new BigDecimal("0.33")),
                        tuple(CAROL, new BigDecimal("0.33")));
    }

    @Test
    void givesTheLeftOverCentToTheLargestRemainder() {
        // 100 cents over 1 + 2 units: 33 remainder 1 and 66 remainder 2, so the cent goes to bob.
        List<CollateralClaim> claims = ProRataClaims.split(Map.of(ALICE, Units.of(1), BOB, Units.of(2)),
                Money.of("1.00"));

        assertThat(claims).extracting(CollateralClaim::holder, claim -> claim.claim().amount())
                .containsExactly(tuple(ALICE, new BigDecimal("0.33")), tuple(BOB, new BigDecimal("0.67")));
    }

    @Test
    void splitsTheCollateralValueRoundedToCents() {
        List<CollateralClaim> claims = ProRataClaims.split(Map.of(ALICE, Units.of(1), BOB, Units.of(1)),
                Money.of("1.005"));

        assertThat(claims).extracting(claim -> claim.claim().amount())
                .containsExactly(new BigDecimal("0.50"), new BigDecimal("0.50"));
    }

    @Test
    void givesEveryoneNothingWhenTheCollateralIsWorthNothing() {
        List<CollateralClaim> claims = ProRataClaims.split(Map.of(ALICE, Units.of(7), BOB, Units.of(3)), Money.ZERO);

        assertThat(claims).extracting(CollateralClaim::claim).containsExactly(Money.ZERO, Money.ZERO);
    }

    @Test
    void yieldsNoClaimsWithoutHolders() {
        assertThat(ProRataClaims.split(Map.of(), Money.of("1.00"))).isEmpty();
    }
}
