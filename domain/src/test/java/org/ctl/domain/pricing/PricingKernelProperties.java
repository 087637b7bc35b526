package org.ctl.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.statistics.Statistics;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/**
 * The kernel against the seed's formula, as the seed's Python sandbox computes it in binary floating point.
 */
class PricingKernelProperties {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");
    private static final BigDecimal TIE_TOLERANCE = new BigDecimal("1e-6");
    private static final String NEAR_A_TIE = "final price near a half-cent tie";

    private final PricingKernel kernel = PricingKernel.seedDefault();

    @Property(tries = 500)
    void agreesWithTheSeedsSandboxToTheCent(
            @ForAll @LongRange(min = 1, max = 1_000_000) long computeRights,
            @ForAll @BigRange(min = "0.01", max = "10000") @Scale(2) BigDecimal pricePerComputeRight,
            @ForAll @LongRange(min = 0, max = 1_000_000) long qubits,
            @ForAll("qubitPrices") BigDecimal qubitPrice) {
        Pricing pricing = price(computeRights, pricePerComputeRight, qubits, qubitPrice);
        BigDecimal kernelCents = pricing.finalPrice().toCents();
        BigDecimal sandboxCents = sandboxFinalPriceInCents(computeRights, pricePerComputeRight, qubits, qubitPrice);

        boolean nearATie = distanceToHalfCentTie(pricing.finalPrice().amount()).compareTo(TIE_TOLERANCE) <= 0;
        Statistics.label(NEAR_A_TIE).collect(nearATie);
        if (nearATie) {
            // The exact final price sits on (or within noise of) x.xx5. The sandbox's double is the nearest
            // binary value to it, which may lie a hair above or below the tie, so Python's correctly rounded
            // "{:.2f}" can go either way while the kernel rounds the exact decimal half-even. A cent apart
            // is the most the two can differ there.
            assertThat(kernelCents.subtract(sandboxCents).abs()).isLessThanOrEqualTo(CENT);
        } else {
            assertThat(kernelCents).isEqualTo(sandboxCents);
        }
        // Both branches must run, or the tolerance could be hiding every disagreement.
        Statistics.label(NEAR_A_TIE).coverage(coverage -> {
            coverage.check(false).count(count -> count > 0);
            coverage.check(true).count(count -> count > 0);
        });
    }

    @Property(tries = 500)
    void neverPricesBelowTheComputeValueNorAboveOneAndAHalfTimesIt(
            @ForAll @LongRange(min = 1, max = 1_000_000) long computeRights,
            @ForAll @BigRange(min = "0.01", max = "10000") @Scale(2) BigDecimal pricePerComputeRight,
            @ForAll @LongRange(min = 0, max = 1_000_000) long qubits,
            @ForAll("qubitPrices") BigDecimal qubitPrice) {
        Pricing pricing = price(computeRights, pricePerComputeRight, qubits, qubitPrice);

        assertThat(pricing.finalPrice()).isGreaterThanOrEqualTo(pricing.computeValue());
        assertThat(pricing.finalPrice()).isLessThanOrEqualTo(pricing.computeValue().times(new BigDecimal("1.5")));
        assertThat(pricing.riskPremium()).isBetween(BigDecimal.ZERO, new BigDecimal("0.5"));
    }

    @Property(tries = 500)
    void neverRaisesThePremiumWhenQubitsGrow(
            @ForAll @LongRange(min = 1, max = 1_000_000) long computeRights,
            @ForAll @BigRange(min = "0.01", max = "10000") @Scale(2) BigDecimal pricePerComputeRight,
            @ForAll @LongRange(min = 0, max = 1_000_000) long qubits,
            @ForAll @LongRange(min = 0, max = 1_000_000) long moreQubits,
            @ForAll("qubitPrices") BigDecimal qubitPrice) {
        Pricing fewer = price(computeRights, pricePerComputeRight, qubits, qubitPrice);
        Pricing more = price(computeRights, pricePerComputeRight, qubits + moreQubits, qubitPrice);

        assertThat(more.collateralizationRatio()).isGreaterThanOrEqualTo(fewer.collateralizationRatio());
        assertThat(more.riskPremium()).isLessThanOrEqualTo(fewer.riskPremium());
        assertThat(more.finalPrice()).isLessThanOrEqualTo(fewer.finalPrice());
    }

    @Provide
    Arbitrary<BigDecimal> qubitPrices() {
        return Arbitraries.integers().between(0, 4).flatMap(scale ->
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000")).ofScale(scale));
    }

    private Pricing price(long computeRights, BigDecimal pricePerComputeRight, long qubits, BigDecimal qubitPrice) {
        return kernel.price(Units.of(computeRights), Money.positive(pricePerComputeRight, "price per compute right"),
                Units.of(qubits), Money.nonNegative(qubitPrice, "qubit price"));
    }

    /**
     * The seed's sandbox, step for step as Python evaluates it: the decimal inputs become the nearest doubles
     * ({@code float(text)}), an int times a float converts the int exactly (all inputs are below 2^53), and
     * {@code f"{fp:.2f}"} rounds the exact binary value of {@code fp} correctly, half-even.
     */
    private static BigDecimal sandboxFinalPriceInCents(long computeRights, BigDecimal pricePerComputeRight,
                                                       long qubits, BigDecimal qubitPrice) {
        double price = Double.parseDouble(pricePerComputeRight.toPlainString());
        double collateralPrice = Double.parseDouble(qubitPrice.toPlainString());
        double cv = (double) computeRights * price;
        double colv = (double) qubits * collateralPrice;
        double cr = colv / cv;
        double rp = cr < 1 ? 0.5 * (1 - cr) : 0;
        double fp = cv * (1 + rp);
        return new BigDecimal(fp).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** How far {@code amount} (not negative) lies from the nearest x.xx5. */
    private static BigDecimal distanceToHalfCentTie(BigDecimal amount) {
        return amount.remainder(CENT).subtract(HALF_CENT).abs();
    }
}
