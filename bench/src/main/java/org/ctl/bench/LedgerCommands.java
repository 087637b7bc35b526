package org.ctl.bench;

import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;

/** The commands the workloads send, built as the ledger's Java users build them. */
final class LedgerCommands {

    static final String ISSUER = "issuer";
    static final String ORACLE = "oracle";

    private LedgerCommands() {
    }

    /** Issues {@code rights} units of a series (as the issuer), verifies it (as the oracle), and seeds holders. */
    static void issueVerifyAndSeed(LedgerUnderTest ledger, String tokenId, long rights, long perHolder,
                                   String... holders) {
        ledger.send(ISSUER, new IssueToken(TokenId.of(tokenId), "H100-GPU-HOUR", Units.of(rights), Money.of("1.00"),
                new Collateral("collateral-" + tokenId, null, Units.of(8), Money.of("0.20")), GovernancePolicy.HYBRID));
        ledger.send(ORACLE, new VerifyIssuance(TokenId.of(tokenId)));
        for (String holder : holders) {
            ledger.send(ISSUER, transfer(tokenId, "seed-" + tokenId + "-" + holder, ISSUER, holder, perHolder));
        }
    }

    static TransferUnits transfer(String tokenId, String transferId, String from, String to, long amount) {
        return new TransferUnits(TokenId.of(tokenId), CommandId.of(transferId), HolderId.of(from), HolderId.of(to),
                Units.of(amount));
    }
}
