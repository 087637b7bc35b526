package org.ctl.domain.pricing;

import java.math.BigDecimal;

/**
 * The risk premium as a function of the collateralization ratio: the lower the ratio, the higher the premium.
 * Pluggable; {@link PiecewiseLinearRiskPremiumCurve#seedDefault()} is the seed's curve.
 */
@FunctionalInterface
public interface RiskPremiumCurve {

    /**
     * @param collateralizationRatio ColV / CV, never negative
     * @return the premium as a fraction of the compute value (0.42 means 42 %), never negative
     */
    BigDecimal premiumFor(BigDecimal collateralizationRatio);
}
