package org.ctl.infra.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.ctl.domain.history.RecordedEvent;

/**
 * The moment a historical read names, in one parameter {@code asOf}: either a global sequence (the global index of
 * the last event to include, a whole number such as {@code 1234}) or an ISO-8601 instant with an offset (such as
 * {@code 2026-11-25T12:00:00Z}: every event whose timestamp is at or before it).
 */
public sealed interface AsOf {

    /** The longest {@code asOf} text read. */
    int MAX_LENGTH = 64;

    /** Whether the event happened at or before this moment. */
    boolean includes(RecordedEvent event);

    /** The events up to and including the one at global index {@code position}. */
    record AtPosition(long position) implements AsOf {

        @Override
        public boolean includes(RecordedEvent event) {
            return event.position() <= position;
        }

        @Override
        public String toString() {
            return Long.toString(position);
        }
    }

    /** The events whose timestamp is at or before {@code instant}. */
    record AtInstant(Instant instant) implements AsOf {

        @Override
        public boolean includes(RecordedEvent event) {
            return !event.occurredAt().isAfter(instant);
        }

        @Override
        public String toString() {
            return instant.toString();
        }
    }

    /**
     * Reads an {@code asOf} parameter.
     *
     * @throws HistoryReadRejected {@link HistoryReadRejected#MALFORMED_AS_OF} for anything but a whole number
     *                             from 0 or an ISO-8601 instant with an offset
     */
    static AsOf parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw malformed(text);
        }
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return new AtPosition(Long.parseLong(text));
            } catch (NumberFormatException tooLarge) {
                throw malformed(text);
            }
        }
        try {
            return new AtInstant(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notAnInstant) {
            throw malformed(text);
        }
    }

    private static HistoryReadRejected malformed(String text) {
        String shown = text == null ? "nothing" : "'" + (text.length() > MAX_LENGTH
                ? text.substring(0, MAX_LENGTH) + "…" : text) + "'";
        return new HistoryReadRejected(HistoryReadRejected.MALFORMED_AS_OF, "asOf must be a global sequence "
                + "(a whole number from 0, e.g. 1234) or an ISO-8601 instant with an offset "
                + "(e.g. 2026-11-25T12:00:00Z); was " + shown);
    }
}
