package org.ctl.infra.http;

import org.ctl.domain.pricing.Pricing;

/** The pricing kernel's five figures as the contract shows them: money in cents, ratios to four places. */
public record PricingFigures(String computeValue, String collateralValue, String collateralizationRatio,
                             String riskPremium, String finalPrice) {

    public static PricingFigures of(Pricing pricing) {
        if (pricing == null) {
            return null;
        }
        return new PricingFigures(pricing.computeValue().toCents().toPlainString(),
                pricing.collateralValue().toCents().toPlainString(),
                Pricing.displayRatio(pricing.collateralizationRatio()).toPlainString(),
                Pricing.displayRatio(pricing.riskPremium()).toPlainString(),
                pricing.finalPrice().toCents().toPlainString());
    }
}
