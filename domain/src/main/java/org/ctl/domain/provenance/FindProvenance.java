package org.ctl.domain.provenance;

import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;

/** Fetches a series' provenance chain, in order from the issuance. */
public record FindProvenance(TokenId tokenId, Page page) {
}
