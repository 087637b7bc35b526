package org.ctl.infra.config;

import java.math.BigDecimal;
import java.util.List;
import org.ctl.domain.governance.GovernancePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about the ledger that is configuration rather than code, under {@code ctl.*}. A missing or
 * contradictory setting stops the application at start with a message that names it.
 *
 * @param participants who is a registered issuer and who a registered oracle
 * @param issuance     the rules of issuance
 * @param pricing      the pricing kernel's risk-premium curve
 * @param storage      snapshot and cache choices of the write side
 */
@Validated
@ConfigurationProperties("ctl")
public record LedgerProperties(Participants participants, @DefaultValue Issuance issuance,
                               @DefaultValue Pricing pricing, @DefaultValue Storage storage) {

    public LedgerProperties {
        if (participants == null || participants.issuers() == null || participants.issuers().isEmpty()) {
            throw new IllegalStateException("No registered issuers: set ctl.participants.issuers (a list of "
                    + "principal names), or run the demo profile, which registers 'issuer'");
        }
        if (participants.oracles() == null || participants.oracles().isEmpty()) {
            throw new IllegalStateException("No registered oracles: set ctl.participants.oracles (a list of "
                    + "principal names), or run the demo profile, which registers 'oracle'");
        }
    }

    /** Principal names of the registered issuers and oracles. */
    public record Participants(List<String> issuers, List<String> oracles) {
    }

    /**
     * @param minimumCollateralizationRatio the lowest CR a new series may have (0: any collateral above zero)
     * @param defaultPolicy                 the policy of a series whose issuer names none
     */
    public record Issuance(@DefaultValue("0") BigDecimal minimumCollateralizationRatio,
                           @DefaultValue("HYBRID") GovernancePolicy defaultPolicy) {
    }

    /** @param riskPremiumCurve points {@code ratio:premium}, linear between them; the seed's is {@code 0:0.5,1:0} */
    public record Pricing(@DefaultValue("0:0.5,1:0") String riskPremiumCurve) {
    }

    /**
     * @param snapshotThreshold a series (or price feed) is snapshotted every this many events, so that loading
     *                          one never reads more than that many events after the latest snapshot
     */
    public record Storage(@DefaultValue("100") int snapshotThreshold) {
        public Storage {
            if (snapshotThreshold < 2) {
                throw new IllegalStateException("ctl.storage.snapshot-threshold must be at least 2, was "
                        + snapshotThreshold);
            }
        }
    }
}
