package org.ctl.command.series;

/**
 * A command the series accepted: the content its id stands for, and the sequence number of the last event it
 * caused, so that a repeat answers exactly as the first did.
 */
record AcceptedCommand(String content, long sequence) {
}
