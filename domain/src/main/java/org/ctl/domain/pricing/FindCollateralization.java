package org.ctl.domain.pricing;

import org.ctl.domain.shared.Page;

/**
 * Fetches the live collateralization of every series, ordered by series id. As a subscription query, each
 * update is one series' {@link CollateralizationView} after a price, supply or status change.
 */
public record FindCollateralization(Page page) {
}
