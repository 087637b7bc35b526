package org.ctl.domain.pledge;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** A pledge was seized: its units left the pledger's pledged balance for the pledgee's available one. */
@Revision("1")
public record PledgeSeized(TokenId tokenId, CommandId pledgeId, HolderId pledger, HolderId pledgee, Units amount) {
}
