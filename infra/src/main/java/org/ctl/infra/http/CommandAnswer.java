package org.ctl.infra.http;

/**
 * The answer to an accepted command.
 *
 * @param stream    the series (or price feed) it went to
 * @param commandId the command's own id
 * @param sequence  the stream's last event after the command
 * @param position  that event's global position: pass it as {@code ?position=} to a read to see this write
 * @param repeated  whether it repeated a command accepted before (nothing new was recorded)
 */
public record CommandAnswer(String stream, String commandId, long sequence, long position, boolean repeated) {
}
