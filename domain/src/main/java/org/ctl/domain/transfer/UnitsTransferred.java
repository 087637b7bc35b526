package org.ctl.domain.transfer;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** Units moved from one holder's available balance to another's. */
@Revision("1")
public record UnitsTransferred(TokenId tokenId, CommandId transferId, HolderId from, HolderId to, Units amount) {
}
