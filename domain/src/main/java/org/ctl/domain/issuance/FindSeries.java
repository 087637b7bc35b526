package org.ctl.domain.issuance;

import org.ctl.domain.shared.TokenId;

/** Fetches one series summary; answers an empty optional for a series never issued. */
public record FindSeries(TokenId tokenId) {
}
