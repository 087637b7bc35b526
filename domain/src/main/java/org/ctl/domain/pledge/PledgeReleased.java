package org.ctl.domain.pledge;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** A pledge was released: its units are available to the pledger again. */
@Revision("1")
public record PledgeReleased(TokenId tokenId, CommandId pledgeId, HolderId pledger, HolderId pledgee, Units amount) {
}
