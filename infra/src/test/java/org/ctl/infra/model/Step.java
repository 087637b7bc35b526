package org.ctl.infra.model;

import java.util.function.Function;

/**
 * One step of a chain as data that no try owns: a description, and how to build its command in a given world.
 * jqwik replays and shrinks steps on fresh worlds (a new try prefix each time), so a step must never hold a
 * command built for another world; it builds its command from the world it is applied to.
 *
 * @param text  what the step does, without the try's prefix (the same in every world)
 * @param build the command this step sends in a world, with its principal and stream
 */
record Step(String text, Function<LedgerWorld, Sent> build) {

    @Override
    public String toString() {
        return text;
    }
}
