package org.ctl.domain.issuance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;

/** A registered oracle verifies a series' collateral and issuance; the series becomes tradable. */
public record VerifyIssuance(@TargetAggregateIdentifier TokenId tokenId) {

    public VerifyIssuance {
        Required.present(tokenId, "tokenId");
    }
}
