package org.ctl.domain.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.Units;

/**
 * The seed's pricing kernel in exact decimal arithmetic: CV, ColV, CR, RP and FP. Pure: no clock, no state,
 * no framework. The one division (CR) is carried to 34 significant digits ({@link MathContext#DECIMAL128}).
 */
public final class PricingKernel {

    private final RiskPremiumCurve curve;

    public PricingKernel(RiskPremiumCurve curve) {
        this.curve = Objects.requireNonNull(curve, "a risk-premium curve is required");
    }

    /** The kernel with the seed's curve. */
    public static PricingKernel seedDefault() {
        return new PricingKernel(PiecewiseLinearRiskPremiumCurve.seedDefault());
    }

    /**
     * Prices compute rights against collateral.
     *
     * @param computeRights        the number of compute rights (units)
     * @param pricePerComputeRight the price of one right, above zero
     * @param qubits               the number of collateral units, zero allowed (as in the seed's sandbox)
     * @param qubitPrice           the price of one collateral unit, not negative
     * @throws RuleViolation {@link RuleCode#COMPUTE_VALUE_MUST_BE_POSITIVE} when CV is zero or below,
     *                       {@link RuleCode#PRICE_MUST_BE_POSITIVE} for a negative collateral price
     */
    public Pricing price(Units computeRights, Money pricePerComputeRight, Units qubits, Money qubitPrice) {
        Money computeValue = pricePerComputeRight.times(computeRights);
        RuleViolation.require(computeValue.isPositive(), RuleCode.COMPUTE_VALUE_MUST_BE_POSITIVE,
                "the compute value (rights × price per right) must be above zero, was " + computeValue
                        + ": the collateralization ratio divides by it");
        RuleViolation.require(qubitPrice.amount().signum() >= 0, RuleCode.PRICE_MUST_BE_POSITIVE,
                "the collateral price must not be negative, was " + qubitPrice);
        Money collateralValue = qubitPrice.times(qubits);
        BigDecimal ratio = ratio(collateralValue, computeValue);
        BigDecimal premium = curve.premiumFor(ratio);
        if (premium.signum() < 0) {
            throw new IllegalStateException("the risk-premium curve returned a negative premium " + premium);
        }
        // Exact: money is bounded, so the product stays small, and no rounding happens before the cents.
        Money finalPrice = new Money(computeValue.amount().multiply(BigDecimal.ONE.add(premium)));
        return new Pricing(computeValue, collateralValue, ratio, premium, finalPrice);
    }

    /**
     * CR = ColV / CV alone, the same for every risk-premium curve (the issuance rule needs only this).
     *
     * @throws RuleViolation {@link RuleCode#COMPUTE_VALUE_MUST_BE_POSITIVE} when CV is zero or below
     */
    public static BigDecimal collateralizationRatio(Units computeRights, Money pricePerComputeRight, Units qubits,
                                                    Money qubitPrice) {
        Money computeValue = pricePerComputeRight.times(computeRights);
        RuleViolation.require(computeValue.isPositive(), RuleCode.COMPUTE_VALUE_MUST_BE_POSITIVE,
                "the compute value (rights × price per right) must be above zero, was " + computeValue);
        return ratio(qubitPrice.times(qubits), computeValue);
    }

    private static BigDecimal ratio(Money collateralValue, Money computeValue) {
        return collateralValue.amount().divide(computeValue.amount(), MathContext.DECIMAL128);
    }
}
