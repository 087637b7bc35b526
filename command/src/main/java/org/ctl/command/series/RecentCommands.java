package org.ctl.command.series;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The commands a series accepted most recently, at most {@link #CAPACITY}, oldest first. The series keeps only
 * these in memory and in its snapshots, so that neither grows with its history; a repeat of an older command is
 * answered from the {@link AcceptedCommandLog}. Which commands are kept follows from the events alone, so a
 * series rebuilt from a snapshot keeps the same ones as the series that took it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class RecentCommands {

    /** How many accepted commands a series keeps at hand: many more than one group commit holds. */
    static final int CAPACITY = 1_024;

    private LinkedHashMap<String, AcceptedCommand> byKey = new LinkedHashMap<>();
    /** Whether a command was ever let go: until then, every command the series accepted is here. */
    private boolean anyLetGo;

    void remember(AcceptedCommand command) {
        byKey.put(command.key(), command);
        Iterator<String> oldestFirst = byKey.keySet().iterator();
        while (byKey.size() > CAPACITY) {
            oldestFirst.next();
            oldestFirst.remove();
            anyLetGo = true;
        }
    }

    /** The recent command under {@code key}, or null. */
    AcceptedCommand find(String key) {
        return byKey.get(key);
    }

    /** Whether an accepted command may be missing here (and must be looked up in the log). */
    boolean anyLetGo() {
        return anyLetGo;
    }

    /** The recent command under {@code key} ends with a later event (a flag's wind-up). */
    void endedAt(String key, long sequence) {
        byKey.computeIfPresent(key, (ignored, command) -> command.endingAt(sequence));
    }
}
