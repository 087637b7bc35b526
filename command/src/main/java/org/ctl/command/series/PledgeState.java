package org.ctl.command.series;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Units;

/** A pledge as the series remembers it: open until released or seized. */
record PledgeState(HolderId pledger, HolderId pledgee, Units amount, Stage stage) {

    enum Stage { OPEN, RELEASED, SEIZED }

    PledgeState closed(Stage closing) {
        return new PledgeState(pledger, pledgee, amount, closing);
    }

    boolean isOpen() {
        return stage == Stage.OPEN;
    }
}
