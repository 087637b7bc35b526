package org.ctl.infra.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of the audit chain (SHA-256), one instance per thread of work (a {@link MessageDigest} is not
 * thread-safe).
 *
 * <p>The canonical form of a stored event (version 1) is the ASCII tag {@code CTL-EVENT-1} followed by the stored
 * columns in this order: global index, event identifier, aggregate identifier, sequence number, aggregate type,
 * timestamp, payload type, payload revision, payload, metadata. A number is its 8-byte big-endian two's complement;
 * a text is the 4-byte big-endian length of its UTF-8 bytes followed by them; bytes are their 4-byte length
 * followed by them; an absent (SQL NULL) text or bytes is the length -1 alone. Every field is length-prefixed, so no
 * two different rows share a canonical form.
 *
 * <p>A chain hash is {@code SHA-256(previous chain hash || event hash)}, 32 + 32 bytes; before the first event of a
 * chain the previous hash is {@link #GENESIS}, 32 zero bytes. The ledger chain runs over every event in global-index
 * order, each series chain over one aggregate's events in sequence order.
 */
public final class EventHasher {

    /** The hash before the first event of any chain. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte[] TAG = "CTL-EVENT-1".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final byte[] scratch = new byte[8];

    public EventHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime provides SHA-256", impossible);
        }
    }

    /** SHA-256 over the canonical form of the stored row. */
    public byte[] eventHash(StoredEvent event) {
        sha256.update(TAG);
        number(event.globalIndex());
        text(event.eventIdentifier());
        text(event.aggregateIdentifier());
        number(event.sequenceNumber());
        text(event.type());
        text(event.timestamp());
        text(event.payloadType());
        text(event.payloadRevision());
        bytes(event.payload());
        bytes(event.metaData());
        return sha256.digest();
    }

    /** The chain hash after an event: SHA-256 over the previous chain hash and the event's hash. */
    public byte[] chain(byte[] previous, byte[] eventHash) {
        sha256.update(previous);
        sha256.update(eventHash);
        return sha256.digest();
    }

    /** Constant-time equality of two hashes (either may be null, which equals nothing). */
    public static boolean same(byte[] left, byte[] right) {
        return left != null && right != null && MessageDigest.isEqual(left, right);
    }

    private void number(long value) {
        for (int shift = 56, at = 0; at < 8; shift -= 8, at++) {
            scratch[at] = (byte) (value >>> shift);
        }
        sha256.update(scratch, 0, 8);
    }

    private void length(int value) {
        scratch[0] = (byte) (value >>> 24);
        scratch[1] = (byte) (value >>> 16);
        scratch[2] = (byte) (value >>> 8);
        scratch[3] = (byte) value;
        sha256.update(scratch, 0, 4);
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        if (value == null) {
            length(-1);
            return;
        }
        length(value.length);
        sha256.update(value);
    }
}
