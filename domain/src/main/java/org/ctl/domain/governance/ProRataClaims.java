package org.ctl.domain.governance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/**
 * Splits a collateral value among holders pro rata to their units, in whole cents, so that the claims add up
 * to the collateral value (rounded to cents) exactly: each holder gets the floor of its share, and the cents
 * left over go one each to the largest remainders (ties to the holder that sorts first).
 */
public final class ProRataClaims {

    private ProRataClaims() {
    }

    /**
     * @param holdings        units per holder, all above zero, summing to the outstanding supply
     * @param collateralValue the value to split
     * @return one claim per holder, sorted by holder
     */
    public static List<CollateralClaim> split(Map<HolderId, Units> holdings, Money collateralValue) {
        List<HolderId> holders = holdings.keySet().stream().sorted(Comparator.comparing(HolderId::value)).toList();
        BigInteger totalUnits = holders.stream().map(h -> BigInteger.valueOf(holdings.get(h).value()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        if (totalUnits.signum() == 0) {
            return List.of();
        }
        BigInteger totalCents = collateralValue.toCents().movePointRight(Money.DISPLAY_SCALE).toBigIntegerExact();
        List<BigInteger[]> shares = new ArrayList<>();
        BigInteger allocated = BigInteger.ZERO;
        for (HolderId holder : holders) {
            BigInteger[] quotientAndRemainder = totalCents.multiply(BigInteger.valueOf(holdings.get(holder).value()))
                    .divideAndRemainder(totalUnits);
            shares.add(quotientAndRemainder);
            allocated = allocated.add(quotientAndRemainder[0]);
        }
        int leftOver = totalCents.subtract(allocated).intValueExact();
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> shares.get(i)[1]).reversed()
                .thenComparing(i -> i));
        for (int i = 0; i < leftOver; i++) {
            BigInteger[] share = shares.get(byRemainder.get(i));
            share[0] = share[0].add(BigInteger.ONE);
        }
        List<CollateralClaim> claims = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            HolderId holder = holders.get(i);
            claims.add(new CollateralClaim(holder, holdings.get(holder),
                    new Money(new BigDecimal(shares.get(i)[0], Money.DISPLAY_SCALE))));
        }
        return claims;
    }
}
