package org.ctl.infra.audit.chain;

/**
 * Whether the ledger's history up to a digest's global index still hashes to the digest's hash.
 *
 * @param matches      true when it does: nothing up to that global index was edited, deleted, inserted or reordered
 * @param globalIndex  the digest's global index
 * @param expectedHash the digest's hash (hex)
 * @param computedHash what the stored rows up to that global index hash to now (hex)
 * @param events       how many stored rows were hashed
 * @param detail       one sentence for a person
 */
public record DigestCheck(boolean matches, long globalIndex, String expectedHash, String computedHash, long events,
                          String detail) {
}
