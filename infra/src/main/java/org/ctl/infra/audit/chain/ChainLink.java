package org.ctl.infra.audit.chain;

/**
 * One link of the audit chain as stored in {@code audit_chain_link}: which event it chains (global index, event
 * identifier, series and sequence), its place in the ledger chain, and the three hashes.
 */
public record ChainLink(long globalIndex, long ledgerPosition, String eventIdentifier, String aggregateIdentifier,
                        long sequenceNumber, byte[] eventHash, byte[] seriesHash, byte[] ledgerHash,
                        String chainedAt) {
}
