package org.ctl.domain.pledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;

/** The pledgee releases a pledge: the units return to the pledger's available balance. */
public record ReleasePledge(@TargetAggregateIdentifier TokenId tokenId, CommandId pledgeId) {

    public ReleasePledge {
        Required.present(tokenId, "tokenId");
        Required.present(pledgeId, "pledgeId");
    }
}
