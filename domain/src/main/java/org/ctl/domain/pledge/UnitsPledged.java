package org.ctl.domain.pledge;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** Units moved from the pledger's available to its pledged balance, locked for the pledgee. */
@Revision("1")
public record UnitsPledged(TokenId tokenId, CommandId pledgeId, HolderId pledger, HolderId pledgee, Units amount) {
}
