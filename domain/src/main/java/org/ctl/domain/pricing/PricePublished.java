package org.ctl.domain.pricing;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;

/** An oracle published a price; the live collateralization of every series priced by this feed follows it. */
@Revision("1")
public record PricePublished(PriceFeedId feed, CommandId priceId, HolderId oracle, Money price) {
}
