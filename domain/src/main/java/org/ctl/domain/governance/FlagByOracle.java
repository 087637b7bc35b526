package org.ctl.domain.governance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.Text;
import org.ctl.domain.shared.TokenId;

/** An oracle flags a series whose legitimacy fails; the series' policy decides the outcome. */
public record FlagByOracle(@TargetAggregateIdentifier TokenId tokenId, CommandId flagId, Verdict verdict,
                           String reason) {

    public FlagByOracle {
        Required.present(tokenId, "tokenId");
        Required.present(flagId, "flagId");
        Required.present(verdict, "verdict");
        reason = Text.require(reason, "reason");
    }
}
