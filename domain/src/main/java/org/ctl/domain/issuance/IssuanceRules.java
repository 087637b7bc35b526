package org.ctl.domain.issuance;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.ctl.domain.governance.GovernancePolicy;

/**
 * The configurable rules of issuance.
 *
 * @param minimumCollateralizationRatio the lowest CR (at the issuance's own prices) a new series may have;
 *                                      zero admits any collateral above zero, as the seed prices thin
 *                                      collateral through the risk premium rather than forbidding it
 * @param defaultPolicy                 the configured governance policy of a series whose issuer names none,
 *                                      until a governance poll adopts another (see {@link #policyFor})
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

    /**
     * The policy of a new series, the one place that decides it: the issuer's own choice when it names one, else
     * the policy adopted by the latest governance poll that adopted one, else the configured default.
     *
     * @param requested the issuer's choice, or null
     * @param adopted   the policy of the latest poll that adopted one, if any
     */
    public GovernancePolicy policyFor(GovernancePolicy requested, Optional<GovernancePolicy> adopted) {
        if (requested != null) {
            return requested;
        }
        return adopted.orElse(defaultPolicy);
    }

    /** Any CR above zero; HYBRID by default. */
    public static IssuanceRules defaults() {
        return new IssuanceRules(BigDecimal.ZERO, GovernancePolicy.HYBRID);
    }
}
