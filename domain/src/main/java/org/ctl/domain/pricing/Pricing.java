package org.ctl.domain.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.ctl.domain.shared.Money;

/**
 * The five figures of the pricing kernel, exact. Money is shown in cents and ratios to
 * {@link #RATIO_DISPLAY_SCALE} places, both rounded half-even.
 *
 * @param computeValue           CV = compute rights × price per right
 * @param collateralValue        ColV = qubits × qubit price
 * @param collateralizationRatio CR = ColV / CV
 * @param riskPremium            RP = f(CR)
 * @param finalPrice             FP = CV × (1 + RP)
 */
public record Pricing(Money computeValue, Money collateralValue, BigDecimal collateralizationRatio,
                      BigDecimal riskPremium, Money finalPrice) {

    /** Places to which ratios are shown. */
    public static final int RATIO_DISPLAY_SCALE = 4;

    /** A worthless series: all value gone, the ratio and premium undefined and shown as zero. */
    public static final Pricing WORTHLESS = new Pricing(Money.ZERO, Money.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            Money.ZERO);

    public static BigDecimal displayRatio(BigDecimal ratio) {
        return ratio.setScale(RATIO_DISPLAY_SCALE, RoundingMode.HALF_EVEN);
    }
}
