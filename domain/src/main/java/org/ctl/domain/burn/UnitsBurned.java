package org.ctl.domain.burn;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** Units were destroyed: they left the holder's available balance and the outstanding supply. */
@Revision("1")
public record UnitsBurned(TokenId tokenId, CommandId burnId, HolderId holder, Units amount, String reason) {
}
