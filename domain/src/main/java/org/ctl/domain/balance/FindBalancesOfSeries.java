package org.ctl.domain.balance;

import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;

/** Fetches every holder's units of one series (holders with units only), ordered by holder. */
public record FindBalancesOfSeries(TokenId tokenId, Page page) {
}
