package org.ctl.domain.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** The holder {@code from} moves {@code amount} available units of a series to {@code to}. */
public record TransferUnits(@TargetAggregateIdentifier TokenId tokenId, CommandId transferId, HolderId from,
                            HolderId to, Units amount) {

    public TransferUnits {
        Required.present(tokenId, "tokenId");
        Required.present(transferId, "transferId");
        Required.present(from, "from");
        Required.present(to, "to");
        amount = Units.positive(Required.present(amount, "amount").value(), "amount");
    }
}
