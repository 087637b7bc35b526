package org.ctl.domain.issuance;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;

/** An oracle verified a series; it is ACTIVE (tradable) from now on. */
@Revision("1")
public record IssuanceVerified(TokenId tokenId, HolderId oracle) {
}
