package org.ctl.domain.issuance;

import java.math.BigDecimal;
import java.util.Objects;
import org.ctl.domain.governance.GovernancePolicy;

/**
 * The configurable rules of issuance.
 *
 * @param minimumCollateralizationRatio the lowest CR (at the issuance's own prices) a new series may have;
 *                                      zero admits any collateral above zero, as the seed prices thin
 *                                      collateral through the risk premium rather than forbidding it
 * @param defaultPolicy                 the governance policy of a series whose issuer names none
 */
public record IssuanceRules(BigDecimal minimumCollateralizationRatio, GovernancePolicy defaultPolicy) {

    public IssuanceRules {
        Objects.requireNonNull(minimumCollateralizationRatio, "minimumCollateralizationRatio");
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        if (minimumCollateralizationRatio.signum() < 0) {
            throw new IllegalArgumentException("the minimum collateralization ratio must not be negative, was "
                    + minimumCollateralizationRatio);
        }
    }

    /** Any CR above zero; HYBRID by default. */
    public static IssuanceRules defaults() {
        return new IssuanceRules(BigDecimal.ZERO, GovernancePolicy.HYBRID);
    }
}
