package org.ctl.domain.governance.poll;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.HolderId;

/** A poll was opened; {@code quorum}, the fewest votes that can decide it, is fixed at its opening. */
@Revision("1")
public record PollOpened(PollId pollId, HolderId openedBy, Instant closesAt, int quorum) {
}
