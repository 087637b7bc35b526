package org.ctl.infra.audit.chain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit chain's settings, under {@code ctl.audit.chain.*}.
 *
 * @param gapTimeout   how long the chainer waits at a missing global index before it takes the index for one that
 *                     will never be stored (a rolled-back transaction) and chains past it; an event that commits
 *                     later at that index stays unchained and the audit names it
 * @param pollInterval how often the chainer looks for new events when no commit woke it
 * @param batchSize    rows chained per transaction, and rows read per query by the verifier
 * @param wakeInterval the least time between two chaining transactions started by commits: under load, one
 *                     transaction chains many commits
 */
@ConfigurationProperties("ctl.audit.chain")
public record AuditChainProperties(@DefaultValue("10s") Duration gapTimeout,
                                   @DefaultValue("500ms") Duration pollInterval,
                                   @DefaultValue("1000") int batchSize,
                                   @DefaultValue("25ms") Duration wakeInterval) {

    public AuditChainProperties {
        if (gapTimeout.isNegative()) {
            throw new IllegalStateException("ctl.audit.chain.gap-timeout must not be negative");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalStateException("ctl.audit.chain.poll-interval must be positive");
        }
        if (wakeInterval.isNegative() || wakeInterval.compareTo(pollInterval) > 0) {
            throw new IllegalStateException("ctl.audit.chain.wake-interval must be between 0 and the poll interval");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalStateException("ctl.audit.chain.batch-size must be between 1 and 100000");
        }
    }
}
