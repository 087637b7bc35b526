package org.ctl.query;

import java.util.Arrays;
import java.util.List;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;

/** The events of the write side, built as its aggregates build them, in a line each. */
public final class Events {

    private Events() {
    }

    public static TokenIssued issued(String series, String issuer, String computeUnit, long rights, String price,
                                     String collateralId, long qubits, String qubitPrice, GovernancePolicy policy) {
        return new TokenIssued(TokenId.of(series), HolderId.of(issuer), computeUnit, Units.of(rights),
                Money.of(price), new Collateral(collateralId, Collateral.DEFAULT_UNIT, Units.of(qubits),
                Money.of(qubitPrice)), policy);
    }

    public static IssuanceVerified verified(String series, String oracle) {
        return new IssuanceVerified(TokenId.of(series), HolderId.of(oracle));
    }

    public static UnitsTransferred transferred(String series, String transferId, String from, String to,
                                               long amount) {
        return new UnitsTransferred(TokenId.of(series), CommandId.of(transferId), HolderId.of(from),
                HolderId.of(to), Units.of(amount));
    }

    public static UnitsPledged pledged(String series, String pledgeId, String pledger, String pledgee, long amount) {
        return new UnitsPledged(TokenId.of(series), CommandId.of(pledgeId), HolderId.of(pledger),
                HolderId.of(pledgee), Units.of(amount));
    }

    public static PledgeReleased released(String series, String pledgeId, String pledger, String pledgee,
                                          long amount) {
        return new PledgeReleased(TokenId.of(series), CommandId.of(pledgeId), HolderId.of(pledger),
                HolderId.of(pledgee), Units.of(amount));
    }

    public static PledgeSeized seized(String series, String pledgeId, String pledger, String pledgee, long amount) {
        return new PledgeSeized(TokenId.of(series), CommandId.of(pledgeId), HolderId.of(pledger),
                HolderId.of(pledgee), Units.of(amount));
    }

    public static UnitsBurned burned(String series, String burnId, String holder, long amount, String reason) {
        return new UnitsBurned(TokenId.of(series), CommandId.of(burnId), HolderId.of(holder), Units.of(amount),
                reason);
    }

    /** A flag whose outcome is what {@code policy} makes of {@code verdict}, as the series aggregate decides. */
    public static SeriesFlagged flagged(String series, String flagId, String oracle, Verdict verdict, String reason,
                                        GovernancePolicy policy) {
        return new SeriesFlagged(TokenId.of(series), CommandId.of(flagId), HolderId.of(oracle), verdict, reason,
                policy, policy.outcomeFor(verdict));
    }

    public static SeriesWoundUp woundUp(String series, String flagId, List<String> releasedPledges, long unitsBurned,
                                        String collateralPrice, String collateralValue, CollateralClaim... claims) {
        return new SeriesWoundUp(TokenId.of(series), CommandId.of(flagId),
                releasedPledges.stream().map(CommandId::of).toList(), Units.of(unitsBurned),
                Money.of(collateralPrice), Money.of(collateralValue), Arrays.asList(claims));
    }

    public static CollateralClaim claim(String holder, long units, String claim) {
        return new CollateralClaim(HolderId.of(holder), Units.of(units), Money.of(claim));
    }

    public static PricePublished computePrice(String unit, String priceId, String oracle, String price) {
        return new PricePublished(new PriceFeedId(PriceKind.COMPUTE, unit), CommandId.of(priceId),
                HolderId.of(oracle), Money.of(price));
    }

    public static PricePublished collateralPrice(String unit, String priceId, String oracle, String price) {
        return new PricePublished(new PriceFeedId(PriceKind.COLLATERAL, unit), CommandId.of(priceId),
                HolderId.of(oracle), Money.of(price));
    }
}
