package org.ctl.infra.audit.chain;

/**
 * A digest of the ledger: the chained head's global index and ledger chain hash. Kept outside the ledger, it lets
 * anyone check later that the history up to that global index is still the same.
 *
 * @param globalIndex    the global index of the chained head (-1 while nothing is chained)
 * @param events         how many events the ledger chain covers up to it
 * @param hash           the ledger chain hash there (hex); 64 zeros while nothing is chained
 * @param algorithm      the hash function
 * @param eventTimestamp the head event's stored timestamp (null while nothing is chained)
 * @param chainedAt      when the head was chained (null while nothing is chained)
 * @param issuedAt       when this digest was issued
 */
public record LedgerDigest(long globalIndex, long events, String hash, String algorithm, String eventTimestamp,
                           String chainedAt, String issuedAt) {
}
