package org.ctl.domain.issuance;

import org.axonframework.serialization.Revision;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** A series was issued; all its units are credited to the issuer, locked until verified. */
@Revision("1")
public record TokenIssued(TokenId tokenId, HolderId issuer, String computeUnit, Units computeRights,
                          Money pricePerComputeRight, Collateral collateral, GovernancePolicy policy) {
}
