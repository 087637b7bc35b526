package org.ctl.domain.provenance;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;

/** Fetches every provenance entry in which a holder gave or received units, in the order they happened. */
public record FindProvenanceOfHolder(HolderId holder, Page page) {
}
