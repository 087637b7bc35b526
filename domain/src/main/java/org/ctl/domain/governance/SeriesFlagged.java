package org.ctl.domain.governance;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;

/** An oracle flagged a series; {@code outcome} is what its policy made of the verdict. */
@Revision("1")
public record SeriesFlagged(TokenId tokenId, CommandId flagId, HolderId oracle, Verdict verdict, String reason,
                            GovernancePolicy policy, FlagOutcome outcome) {
}
