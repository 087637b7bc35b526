package org.ctl.domain.pricing;

import org.ctl.domain.shared.Identifier;
import org.ctl.domain.shared.Required;

/** One price feed: the prices of one kind of one unit, e.g. {@code COMPUTE:H100-GPU-HOUR}. */
public record PriceFeedId(PriceKind kind, String unit) {

    public PriceFeedId {
        Required.present(kind, "kind");
        Identifier.require(unit, "unit");
    }

    /**
     * The feed's aggregate id, {@code price@KIND:UNIT}: '@' is not allowed in a series id, so no series can
     * ever take a feed's stream in the event store.
     */
    @Override
    public String toString() {
        return "price@" + kind + ":" + unit;
    }
}
