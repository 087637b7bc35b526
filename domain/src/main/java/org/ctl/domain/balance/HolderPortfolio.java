package org.ctl.domain.balance;

import java.util.List;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;

/** A holder's units across series, and their total value at live prices. */
public record HolderPortfolio(HolderId holder, List<SeriesBalance> balances, Money totalValue) {

    public HolderPortfolio {
        balances = List.copyOf(balances);
    }
}
