package org.ctl.infra.http;

import java.math.BigDecimal;
import java.util.UUID;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;

/**
 * The bodies of the command endpoints, as clients send them, and their translation into commands. Every field
 * is checked by the value types the commands are made of, so HTTP and Java callers meet the same checks;
 * unknown fields are refused by the JSON reader (see {@code spring.jackson} in application.properties).
 */
final class CommandRequests {

    private CommandRequests() {
    }

    record IssueTokenRequest(String tokenId, String computeUnit, Long computeRights, BigDecimal pricePerComputeRight,
                             CollateralRequest collateral, GovernancePolicy policy) {
        IssueToken toCommand() {
            CollateralRequest given = Required.present(collateral, "collateral");
            return new IssueToken(TokenId.of(tokenId), computeUnit, units(computeRights, "computeRights"),
                    Money.positive(pricePerComputeRight, "pricePerComputeRight"),
                    new Collateral(given.collateralId(), given.unit(), units(given.qubits(), "qubits"),
                            Money.positive(given.qubitPrice(), "qubitPrice")),
                    policy);
        }
    }

    record CollateralRequest(String collateralId, String unit, Long qubits, BigDecimal qubitPrice) {
    }

    record TransferRequest(String transferId, String from, String to, Long amount) {
        TransferUnits toCommand(String tokenId) {
            return new TransferUnits(TokenId.of(tokenId), commandId(transferId, "transferId"), holderId(from, "from"),
                    holderId(to, "to"), units(amount, "amount"));
        }
    }

    record PledgeRequest(String pledgeId, String pledger, String pledgee, Long amount) {
        PledgeUnits toCommand(String tokenId) {
            return new PledgeUnits(TokenId.of(tokenId), commandId(pledgeId, "pledgeId"), holderId(pledger, "pledger"),
                    holderId(pledgee, "pledgee"), units(amount, "amount"));
        }
    }

    record FlagRequest(String flagId, Verdict verdict, String reason) {
        FlagByOracle toCommand(String tokenId) {
            return new FlagByOracle(TokenId.of(tokenId), commandId(flagId, "flagId"), verdict, reason);
        }
    }

    record BurnRequest(String burnId, String holder, Long amount, String reason) {
        BurnUnits toCommand(String tokenId) {
            return new BurnUnits(TokenId.of(tokenId), commandId(burnId, "burnId"), holderId(holder, "holder"),
                    units(amount, "amount"), reason);
        }
    }

    /** {@code priceId} is optional: without one, each request is a new publication (no idempotency). */
    record PriceRequest(String priceId, PriceKind kind, String unit, BigDecimal price) {
        PublishPrice toCommand() {
            CommandId id = priceId == null ? CommandId.of(UUID.randomUUID().toString()) : CommandId.of(priceId);
            return new PublishPrice(id, new PriceFeedId(kind, unit), Money.positive(price, "price"));
        }
    }

    private static Units units(Long amount, String what) {
        return Units.positive(Required.present(amount, what), what);
    }

    private static HolderId holderId(String name, String what) {
        return HolderId.of(Required.present(name, what));
    }

    private static CommandId commandId(String id, String what) {
        return CommandId.of(Required.present(id, what));
    }
}
