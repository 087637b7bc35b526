package org.ctl.domain.pledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;

/** The pledgee seizes a pledge: the units move from the pledger's pledged balance to the pledgee. */
public record SeizePledge(@TargetAggregateIdentifier TokenId tokenId, CommandId pledgeId) {

    public SeizePledge {
        Required.present(tokenId, "tokenId");
        Required.present(pledgeId, "pledgeId");
    }
}
