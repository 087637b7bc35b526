package org.ctl.domain.pricing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Required;

/** A registered oracle publishes a new market price for a compute unit or a collateral unit. */
public record PublishPrice(CommandId priceId, PriceFeedId feed, Money price) {

    public PublishPrice {
        Required.present(priceId, "priceId");
        Required.present(feed, "feed");
        Required.present(price, "price");
        price = Money.positive(price.amount(), "price");
    }

    /** The price feed aggregate this command goes to. */
    @TargetAggregateIdentifier
    public String feedAggregateId() {
        return feed.toString();
    }
}
