package org.ctl.infra.audit.chain;

/**
 * One row of the event table exactly as stored: every column that identifies and carries an event, read with plain
 * JDBC, nothing deserialized. Payload and metadata are the stored bytes; the timestamp is the stored text.
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String timestamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metaData) {
}
