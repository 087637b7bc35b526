package org.ctl.domain.issuance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.Identifier;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * A registered issuer creates a series of compute tokens against collateral. The series id is the command's
 * idempotency key. All units are credited to the issuer, locked until an oracle verifies the issuance.
 *
 * @param computeUnit the quantum of compute one unit claims, e.g. {@code H100-GPU-HOUR}
 * @param policy      the governance policy; {@code null} takes the ledger's configured default
 */
public record IssueToken(@TargetAggregateIdentifier TokenId tokenId, String computeUnit, Units computeRights,
                         Money pricePerComputeRight, Collateral collateral, GovernancePolicy policy) {

    public IssueToken {
        Required.present(tokenId, "tokenId");
        Identifier.require(computeUnit, "computeUnit");
        Required.present(computeRights, "computeRights");
        RuleViolation.require(!computeRights.isZero(), RuleCode.AMOUNT_MUST_BE_POSITIVE,
                "computeRights must be above zero");
        pricePerComputeRight = Money.positive(Required.present(pricePerComputeRight, "pricePerComputeRight").amount(),
                "pricePerComputeRight");
        Required.present(collateral, "collateral");
    }
}
