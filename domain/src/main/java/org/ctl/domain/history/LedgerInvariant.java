package org.ctl.domain.history;

/**
 * The rules of DESIGN.md that every stored history must satisfy at every event, whoever wrote it. The aggregates
 * refuse any command that would break one; a history that breaks one anyway was written behind their back.
 */
public enum LedgerInvariant {
    /** A series' stream starts with its issuance, and its sequence numbers follow each other from zero. */
    STREAM_IN_ORDER,
    /** A series is issued once, and an event of a series comes after its issuance. */
    ISSUED_ONCE,
    /** One collateral id backs at most one series. */
    COLLATERAL_BACKS_ONE_SERIES,
    /** Amounts moved, pledged or burned are above zero; issued rights, collateral and prices too. */
    POSITIVE_AMOUNTS,
    /** An issuance is verified once, by an oracle other than its issuer, while the series is pending. */
    VERIFIED_ONCE,
    /** Units move (transfer, pledge, release, seizure, burn) only while the series is ACTIVE: not before the
     * oracle verified it, not after a flag settled it. */
    MOVES_ONLY_WHILE_ACTIVE,
    /** A command id (transfer, pledge, burn, flag) is used by one event of its kind per series. */
    COMMAND_ID_ONCE,
    /** A pledge is closed (released or seized) once, with the parties and amount it was opened with. */
    PLEDGE_CLOSED_ONCE,
    /** A flag settles a series once, with the outcome the series' policy gives its verdict. */
    FLAG_FOLLOWS_POLICY,
    /** A wind-up follows its WOUND_UP flag, releases every open pledge, burns every outstanding unit, values
     * the collateral at the latest published price and gives each holder a claim for exactly its units, the
     * claims adding up to the collateral value. */
    WIND_UP_SETTLES_EVERYTHING,
    /** No holder has a negative available or pledged balance. */
    NO_NEGATIVE_BALANCE,
    /** Each holder's pledged units equal the units of its open pledges. */
    PLEDGED_MATCHES_OPEN_PLEDGES,
    /** Outstanding supply = Σ over holders (available + pledged). */
    HOLDINGS_EQUAL_OUTSTANDING,
    /** Issued = outstanding + burned, none of them negative. */
    SUPPLY_CONSERVED
}
