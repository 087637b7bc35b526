package org.ctl.command.series;

/**
 * One abstract step of a {@link ConservationProperties} scenario: plain data (indexes into the fixed tables of
 * {@link LedgerScenario}), so that jqwik can generate and shrink it. {@link LedgerScenario#toCommand} turns it
 * into a real command and the principal that sends it.
 *
 * <p>An {@code actor} of {@link #NATURAL} means "the principal a well-behaved caller would use" (the holder,
 * the pledgee, the oracle, the issuer); any other value is an index into {@link LedgerScenario#PRINCIPALS},
 * where the last index stands for a command without a principal. An {@code amount} of {@link #ALL_AVAILABLE}
 * means "exactly what the holder has available" (at least one). A release or seizure whose {@code series} is
 * {@link #KNOWN_PLEDGE} goes to the {@code pledge}-th pledge the ledger has accepted so far (any series).
 */
sealed interface LedgerAction {

    int NATURAL = -1;
    int ALL_AVAILABLE = 0;
    int KNOWN_PLEDGE = -1;

    record Issue(int series, int actor, int rights, int collateral, boolean defaultPolicy) implements LedgerAction {
    }

    record Verify(int series, int actor) implements LedgerAction {
    }

    record Transfer(int series, int id, int actor, int from, int to, int amount) implements LedgerAction {
    }

    record Pledge(int series, int id, int actor, int pledger, int pledgee, int amount) implements LedgerAction {
    }

    record Release(int series, int pledge, int actor) implements LedgerAction {
    }

    record Seize(int series, int pledge, int actor) implements LedgerAction {
    }

    record Burn(int series, int id, int actor, int holder, int amount, int reason) implements LedgerAction {
    }

    record Flag(int series, int id, int actor, int verdict, int reason) implements LedgerAction {
    }

    record Publish(int id, int feed, int actor, int price) implements LedgerAction {
    }

    /** Sends again, as it was, the command of an earlier step ({@code step} modulo the steps so far). */
    record Replay(int step) implements LedgerAction {
    }
}
