package org.ctl.infra.cluster;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node behaves when other nodes share its event store ({@code ctl.cluster.*}).
 *
 * @param sharedStore whether other nodes may write to the same event store (the {@code postgres} profile says yes;
 *                    an embedded H2 file is one node's alone): a cached aggregate is then checked against the
 *                    store before each use, and the node signs in to the cluster to share the projections' segments
 * @param gaps        Axon's handling of gaps in the global index
 * @param retry       the command gateway's retries of commands that collided with another node's append
 * @param balancing   how the projections' segments are shared between the nodes
 */
@ConfigurationProperties("ctl.cluster")
public record ClusterProperties(@DefaultValue("false") boolean sharedStore, @DefaultValue Gaps gaps,
                                @DefaultValue Retry retry, @DefaultValue Balancing balancing) {

    /**
     * See {@code JdbcEventStorageEngine.Builder}: a gap is given up once an event above it is older than
     * {@code timeout}, or more than {@code maxOffset} positions lie above it; the token's gaps are checked against
     * the store once there are more than {@code cleaningThreshold} of them.
     */
    public record Gaps(@DefaultValue("60s") Duration timeout, @DefaultValue("250") int cleaningThreshold,
                       @DefaultValue("100000") int maxOffset) {
        public Gaps {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalStateException("ctl.cluster.gaps.timeout must be positive and below 24 days, was "
                        + timeout);
            }
            if (cleaningThreshold < 1 || maxOffset < 1) {
                throw new IllegalStateException("ctl.cluster.gaps.cleaning-threshold and ctl.cluster.gaps.max-offset "
                        + "must be 1 or more");
            }
        }
    }

    /**
     * @param maxRetries how often a command that collided with another node's append is sent again before it is
     *                   refused (0: never)
     * @param backoff    the wait before the first retry; each further retry waits twice as long
     */
    public record Retry(@DefaultValue("6") int maxRetries, @DefaultValue("10ms") Duration backoff) {
        public Retry {
            if (maxRetries < 0 || backoff.isNegative() || backoff.isZero()) {
                throw new IllegalStateException("ctl.cluster.retry.max-retries must be 0 or more and "
                        + "ctl.cluster.retry.backoff positive");
            }
        }
    }

    /**
     * @param processors  the processors whose segments are shared out (the projections; never a processor that
     *                    must stay on one segment)
     * @param interval    how often a node signs in and compares its share of segments with its fair share
     * @param nodeTimeout a node that has not signed in for this long counts as gone (the token claim timeout)
     */
    public record Balancing(@DefaultValue("series,balances,provenance") List<String> processors,
                            @DefaultValue("2s") Duration interval, @DefaultValue("10s") Duration nodeTimeout) {
    }
}
