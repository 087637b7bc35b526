package org.ctl.infra.support;

import java.math.BigDecimal;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;

/** Short constructors of the ledger's commands for tests. */
public final class Commands {

    private Commands() {
    }

    /** The seed's example: 10 rights at 1.00 against 8 qubits at 0.20 — or {@code rights} rights. */
    public static IssueToken issue(String tokenId, long rights, String collateralId, GovernancePolicy policy) {
        return new IssueToken(TokenId.of(tokenId), "H100-GPU-HOUR", Units.of(rights), Money.of("1.00"),
                new Collateral(collateralId, null, Units.of(8), Money.of("0.20")), policy);
    }

    public static VerifyIssuance verify(String tokenId) {
        return new VerifyIssuance(TokenId.of(tokenId));
    }

    public static TransferUnits transfer(String tokenId, String transferId, String from, String to, long amount) {
        return new TransferUnits(TokenId.of(tokenId), CommandId.of(transferId), HolderId.of(from), HolderId.of(to),
                Units.of(amount));
    }

    public static PledgeUnits pledge(String tokenId, String pledgeId, String pledger, String pledgee, long amount) {
        return new PledgeUnits(TokenId.of(tokenId), CommandId.of(pledgeId), HolderId.of(pledger),
                HolderId.of(pledgee), Units.of(amount));
    }

    public static BurnUnits burn(String tokenId, String burnId, String holder, long amount) {
        return new BurnUnits(TokenId.of(tokenId), CommandId.of(burnId), HolderId.of(holder), Units.of(amount),
                "compute redeemed");
    }

    public static FlagByOracle flag(String tokenId, String flagId, Verdict verdict) {
        return new FlagByOracle(TokenId.of(tokenId), CommandId.of(flagId), verdict, "collateral not found");
    }

    public static PublishPrice collateralPrice(String priceId, String price) {
        return new PublishPrice(CommandId.of(priceId), new PriceFeedId(PriceKind.COLLATERAL, "QUBIT"),
                new Money(new BigDecimal(price)));
    }
}
