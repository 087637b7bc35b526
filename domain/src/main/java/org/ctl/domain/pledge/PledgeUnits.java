package org.ctl.domain.pledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** The holder {@code pledger} locks {@code amount} available units as collateral for {@code pledgee}. */
public record PledgeUnits(@TargetAggregateIdentifier TokenId tokenId, CommandId pledgeId, HolderId pledger,
                          HolderId pledgee, Units amount) {

    public PledgeUnits {
        Required.present(tokenId, "tokenId");
        Required.present(pledgeId, "pledgeId");
        Required.present(pledger, "pledger");
        Required.present(pledgee, "pledgee");
        amount = Units.positive(Required.present(amount, "amount").value(), "amount");
    }
}
