package org.ctl.infra.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This node's place among the nodes that share the event store, and its fair share of each projection's segments.
 *
 * <p>Every {@code interval} the node writes its sign of life into {@code cluster_node} (the database's clock, so
 * the nodes' clocks do not matter), counts the nodes seen within {@code nodeTimeout}, and each balanced
 * processor's segments in the token table. Its fair share is {@code ceil(segments / nodes)}. Axon's pooled
 * processor asks this {@link MaxSegmentProvider} before it claims a segment and releases the segments it holds
 * above it, so a node that joins gets segments released by the others, and a node that dies (stops signing in)
 * raises the others' share: they take over its segments as soon as its claims are older than the token claim
 * timeout. A node that stops cleanly signs out, and its processors release their claims.
 *
 * <p>While the database cannot be reached the last shares stay in force; the processors themselves stop and retry
 * until it comes back.
 */
public final class ClusterMembership implements MaxSegmentProvider, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final ClusterProperties.Balancing settings;
    private final ScheduledExecutorService timer;
    private volatile Map<String, Integer> fairShares = Map.of();
    private volatile int nodes;
    private volatile boolean running;
    private volatile boolean reachable = true;

    public ClusterMembership(JdbcTemplate jdbc, String nodeId, ClusterProperties.Balancing settings) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ctl-cluster-membership");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The most segments of {@code processorName} this node should hold; no limit before the first count. */
    @Override
    public int getMaxSegments(String processorName) {
        return fairShares.getOrDefault(processorName, (int) Short.MAX_VALUE);
    }

    /** The nodes seen within the node timeout at the last count (0 before the first). */
    public int nodes() {
        return nodes;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Signs in, counts the nodes and segments, and sets the fair shares. */
    void refresh() {
        try {
            jdbc.update("INSERT INTO cluster_node (node_id, last_seen) VALUES (?, now()) "
                    + "ON CONFLICT (node_id) DO UPDATE SET last_seen = now()", nodeId);
            Integer live = jdbc.queryForObject("SELECT count(*) FROM cluster_node "
                    + "WHERE last_seen > now() - ? * interval '1 millisecond'", Integer.class,
                    settings.nodeTimeout().toMillis());
            Map<String, Integer> shares = new HashMap<>();
            for (String processor : settings.processors()) {
                Integer segments = jdbc.queryForObject(
                        "SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, processor);
                if (segments != null && segments > 0 && live != null && live > 0) {
                    shares.put(processor, Math.max(1, (segments + live - 1) / live));
                }
            }
            if (live != null && live != nodes) {
                log.info("Node {}: {} node(s) share the event store; fair shares of segments {}", nodeId, live,
                        shares);
            }
            nodes = live == null ? 0 : live;
            fairShares = Map.copyOf(shares);
            if (!reachable) {
                log.info("Node {}: the database answers again", nodeId);
                reachable = true;
            }
        } catch (DataAccessException unreachable) {
            if (reachable) {
                log.warn("Node {}: cannot sign in to the cluster ({}); keeping the last shares {}", nodeId,
                        unreachable.getMessage(), fairShares);
                reachable = false;
            }
        }
    }

    @Override
    public void start() {
        refresh();
        long interval = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        try {
            jdbc.update("DELETE FROM cluster_node WHERE node_id = ?", nodeId);
        } catch (DataAccessException unreachable) {
            log.warn("Node {}: could not sign out ({}); the others count it gone after {}", nodeId,
                    unreachable.getMessage(), settings.nodeTimeout());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: the fair shares are known before the processors start claiming, and the node signs out last. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
