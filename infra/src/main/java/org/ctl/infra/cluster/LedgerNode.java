package org.ctl.infra.cluster;

/**
 * This node's name among the nodes sharing an event store: the owner of its token claims and its row in
 * {@code cluster_node}.
 */
public record LedgerNode(String id) {
}
