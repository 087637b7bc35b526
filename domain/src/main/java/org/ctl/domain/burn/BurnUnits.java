package org.ctl.domain.burn;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.Text;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** The holder destroys {@code amount} of its available units (compute redeemed, or voluntary). */
public record BurnUnits(@TargetAggregateIdentifier TokenId tokenId, CommandId burnId, HolderId holder, Units amount,
                        String reason) {

    public BurnUnits {
        Required.present(tokenId, "tokenId");
        Required.present(burnId, "burnId");
        Required.present(holder, "holder");
        amount = Units.positive(Required.present(amount, "amount").value(), "amount");
        reason = Text.require(reason, "reason");
    }
}
