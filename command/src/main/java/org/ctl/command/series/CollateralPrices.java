package org.ctl.command.series;

import java.util.Optional;
import org.ctl.domain.shared.Money;

/** The latest price an oracle published per collateral unit, as the write side knows it. */
public interface CollateralPrices {

    /** The latest published price of one {@code unit} of collateral, if any was published. */
    Optional<Money> latest(String unit);
}
