package org.ctl.infra.config;

import java.util.stream.Collectors;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.pricing.PiecewiseLinearRiskPremiumCurve;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.HolderId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain's configurable rules as beans. Axon injects beans into command handler parameters, so the
 * aggregates receive {@link Participants} and {@link IssuanceRules} from here.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerRulesConfiguration {

    @Bean
    Participants participants(LedgerProperties properties) {
        return new Participants(
                properties.participants().issuers().stream().map(HolderId::of).collect(Collectors.toSet()),
                properties.participants().oracles().stream().map(HolderId::of).collect(Collectors.toSet()));
    }

    @Bean
    IssuanceRules issuanceRules(LedgerProperties properties) {
        return new IssuanceRules(properties.issuance().minimumCollateralizationRatio(),
                properties.issuance().defaultPolicy());
    }

    @Bean
    PricingKernel pricingKernel(LedgerProperties properties) {
        return new PricingKernel(PiecewiseLinearRiskPremiumCurve.parse(properties.pricing().riskPremiumCurve()));
    }
}
