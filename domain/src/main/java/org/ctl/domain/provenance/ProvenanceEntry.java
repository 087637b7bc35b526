package org.ctl.domain.provenance;

import java.time.Instant;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * One link of a series' provenance chain: one event, told for people.
 *
 * @param sequence   the event's sequence number in its series (0 is the issuance)
 * @param eventId    the event's identifier in the event store
 * @param kind       ISSUED, VERIFIED, TRANSFERRED, PLEDGED, PLEDGE_RELEASED, PLEDGE_SEIZED, BURNED, FLAGGED,
 *                   WOUND_UP
 * @param actor      the principal that caused it
 * @param from       the holder units left (or the pledger), if any
 * @param to         the holder units went to (or the pledgee), if any
 * @param amount     the units concerned, if any
 * @param reference  the command id it carried (transferId, pledgeId, burnId, flagId), if any
 * @param detail     what else there is to say: collateral, verdict and outcome, reason, claims
 */
public record ProvenanceEntry(TokenId tokenId, long sequence, String eventId, Instant occurredAt, String kind,
                              HolderId actor, HolderId from, HolderId to, Units amount, String reference,
                              String detail) {
}
