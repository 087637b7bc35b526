package org.ctl.domain.issuance;

import org.ctl.domain.shared.Page;

/** Fetches series summaries, ordered by series id. */
public record FindAllSeries(Page page) {
}
