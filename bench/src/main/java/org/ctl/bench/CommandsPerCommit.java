package org.ctl.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.ctl.infra.groupcommit.GroupCommitCommandBus;

/**
 * How many commands the ledger committed per transaction over a stretch of load, from its own meter
 * {@code ctl.commands.group.size} (one sample per committed group of commands).
 */
record CommandsPerCommit(long groups, double commands) {

    static CommandsPerCommit now(LedgerUnderTest ledger) {
        DistributionSummary sizes = ledger.bean(MeterRegistry.class)
                .find(GroupCommitCommandBus.GROUP_SIZE_METER).summary();
        return sizes == null ? new CommandsPerCommit(0, 0) : new CommandsPerCommit(sizes.count(), sizes.totalAmount());
    }

    /** Commands per committed group since {@code earlier}; 0 when no group committed meanwhile. */
    double since(CommandsPerCommit earlier) {
        long committed = groups - earlier.groups;
        return committed == 0 ? 0 : (commands - earlier.commands) / committed;
    }
}
