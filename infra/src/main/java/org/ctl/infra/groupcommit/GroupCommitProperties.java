package org.ctl.infra.groupcommit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit of commands ({@code ctl.commands.group-commit.*}); see {@link GroupCommitCommandBus}.
 *
 * @param enabled  whether commands sent from outside a unit of work are committed in groups (false: one
 *                 transaction per command, Axon's {@code SimpleCommandBus} as it comes)
 * @param lanes    how many groups are built and committed side by side; a series always goes to the same lane
 * @param maxGroup the most commands one transaction holds
 */
@ConfigurationProperties("ctl.commands.group-commit")
public record GroupCommitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") int lanes,
                                    @DefaultValue("256") int maxGroup) {

    public GroupCommitProperties {
        if (lanes < 1 || lanes > 64) {
            throw new IllegalStateException("ctl.commands.group-commit.lanes must be between 1 and 64, was " + lanes);
        }
        if (maxGroup < 1) {
            throw new IllegalStateException("ctl.commands.group-commit.max-group must be 1 or more, was " + maxGroup);
        }
    }
}
