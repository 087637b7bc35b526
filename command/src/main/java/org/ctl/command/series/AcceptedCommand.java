package org.ctl.command.series;

import java.util.Objects;
import java.util.Optional;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * A command a series accepted: its key (its kind and id, e.g. {@code transfer:t-1}), the content its id stands
 * for, and the sequence number of the last event it caused, so that a repeat answers exactly as the first did.
 *
 * <p>Derived from the series' events in one place, {@link #acceptedBy}, for the series itself (its recent
 * commands) and for the ledger's durable {@link AcceptedCommandLog} alike.
 */
public record AcceptedCommand(String key, String content, long sequence) {

    /** The kinds of command whose ids a series remembers: the first part of a key. */
    static final String TRANSFER = "transfer";
    static final String PLEDGE = "pledge";
    static final String BURN = "burn";
    static final String FLAG = "flag";

    public AcceptedCommand {
        Objects.requireNonNull(key, "an accepted command has a key");
        Objects.requireNonNull(content, "an accepted command has a content");
    }

    /** The command whose id an event records as accepted, at the event's sequence number, if the event is one. */
    public static Optional<AcceptedCommand> acceptedBy(Object event, long sequence) {
        if (event instanceof UnitsTransferred transferred) {
            return Optional.of(new AcceptedCommand(key(TRANSFER, transferred.transferId()),
                    Fingerprint.of(transferred.from(), transferred.to(), transferred.amount()), sequence));
        }
        if (event instanceof UnitsPledged pledged) {
            return Optional.of(new AcceptedCommand(key(PLEDGE, pledged.pledgeId()),
                    Fingerprint.of(pledged.pledger(), pledged.pledgee(), pledged.amount()), sequence));
        }
        if (event instanceof UnitsBurned burned) {
            return Optional.of(new AcceptedCommand(key(BURN, burned.burnId()),
                    Fingerprint.of(burned.holder(), burned.amount(), burned.reason()), sequence));
        }
        if (event instanceof SeriesFlagged flagged) {
            return Optional.of(new AcceptedCommand(key(FLAG, flagged.flagId()),
                    Fingerprint.of(flagged.oracle(), flagged.verdict(), flagged.reason()), sequence));
        }
        return Optional.empty();
    }

    /** The key of a flag, whose command ends with the wind-up when the flag winds the series up. */
    public static String flagKey(CommandId flagId) {
        return key(FLAG, flagId);
    }

    static String key(String kind, CommandId id) {
        return kind + ":" + id.value();
    }

    /** The same command, ending with a later event. */
    AcceptedCommand endingAt(long laterSequence) {
        return new AcceptedCommand(key, content, laterSequence);
    }
}
