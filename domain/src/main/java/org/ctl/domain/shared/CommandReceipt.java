package org.ctl.domain.shared;

/**
 * What an accepted command answers: the stream it went to and how far that stream has got. A repeated command
 * answers with the same stream and its current position, and says that it was a repeat.
 *
 * @param aggregateId the series (or price feed) the command went to
 * @param sequence    the sequence number of the stream's last event after the command
 * @param repeated    whether the command repeated one accepted before (and appended nothing)
 */
public record CommandReceipt(String aggregateId, long sequence, boolean repeated) {
}
