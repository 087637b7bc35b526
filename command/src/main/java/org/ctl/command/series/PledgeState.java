package org.ctl.command.series;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Units;

/**
 * A pledge as the series remembers it: open until released or seized.
 *
 * @param closedAtSequence the sequence number of the event that closed it, -1 while open
 */
record PledgeState(HolderId pledger, HolderId pledgee, Units amount, Stage stage, long closedAtSequence) {

    enum Stage { OPEN, RELEASED, SEIZED }

    PledgeState closed(Stage closing, long sequence) {
        return new PledgeState(pledger, pledgee, amount, closing, sequence);
    }

    boolean isOpen() {
        return stage == Stage.OPEN;
    }
}
