package org.ctl.domain.governance;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * A graceful exit, in one step: every open pledge released to its pledger, every outstanding unit burned, and
 * each holder given a pro-rata claim on the collateral value.
 *
 * @param releasedPledges the pledges that were open and were released
 * @param unitsBurned     all units that were outstanding
 * @param collateralPrice the price per collateral unit the claims were valued at
 * @param collateralValue the collateral value in cents; the claims add up to it
 * @param claims          one claim per holder that held units
 */
@Revision("1")
public record SeriesWoundUp(TokenId tokenId, CommandId flagId, List<CommandId> releasedPledges, Units unitsBurned,
                            Money collateralPrice, Money collateralValue, List<CollateralClaim> claims) {

    public SeriesWoundUp {
        releasedPledges = List.copyOf(releasedPledges);
        claims = List.copyOf(claims);
    }
}
