package org.ctl.command.series;

import java.util.Optional;
import org.ctl.domain.shared.TokenId;

/**
 * Every command every series accepted, by series and key: what a series asks about a command id it no longer
 * keeps among its {@link RecentCommands}. The ledger's implementation is a table written in the same
 * transaction as the events (so it never lags the series), with the series and key as its primary key, so that
 * a command id can never be accepted twice even by commands that ran in one transaction.
 */
public interface AcceptedCommandLog {

    /** The command {@code series} accepted under {@code key} (see {@link AcceptedCommand#key()}), if any. */
    Optional<AcceptedCommand> find(TokenId series, String key);
}
