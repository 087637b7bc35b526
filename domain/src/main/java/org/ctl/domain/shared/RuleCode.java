package org.ctl.domain.shared;

/**
 * The named reasons for which the ledger refuses a command. The same codes appear in the HTTP problem details,
 * so a client can act on them without parsing messages.
 */
public enum RuleCode {
    /** The compute value is zero: a ratio against it has no meaning. */
    COMPUTE_VALUE_MUST_BE_POSITIVE,
    /** The command or one of its values is malformed: missing, blank, too long, or of the wrong form. */
    VALIDATION_FAILED,
    /** An amount of units is zero or negative where a positive one is required. */
    AMOUNT_MUST_BE_POSITIVE,
    /** A price or a collateral quantity is zero or negative where a positive one is required. */
    PRICE_MUST_BE_POSITIVE,
    /** An addition or multiplication of amounts would leave the range of exact integers. */
    AMOUNT_OVERFLOW,
    /** The command carries no acting principal. */
    PRINCIPAL_MISSING,
    /** The principal is not a registered issuer. */
    NOT_REGISTERED_ISSUER,
    /** The principal is not a registered oracle. */
    NOT_REGISTERED_ORACLE,
    /** The principal is not the holder of the units it tries to move, pledge or burn. */
    NOT_HOLDER,
    /** The principal is not the pledgee of the pledge it tries to release or seize. */
    NOT_PLEDGEE,
    /** No series with this id has been issued. */
    UNKNOWN_TOKEN,
    /** A series with this id has already been issued (with other content). */
    SERIES_ALREADY_ISSUED,
    /** The collateral id already backs another series. */
    COLLATERAL_ALREADY_BACKS_A_SERIES,
    /** The collateralization ratio at issuance is below the configured minimum. */
    COLLATERALIZATION_BELOW_MINIMUM,
    /** An oracle cannot verify a series it issued itself. */
    SELF_VERIFICATION,
    /** The series has already been verified by another oracle. */
    ALREADY_VERIFIED,
    /** The series is not tradable: not yet verified, or settled by a flag. */
    TOKEN_NOT_ACTIVE,
    /** The series has already been flagged and settled by its governance policy. */
    SERIES_ALREADY_SETTLED,
    /** The holder's available (unpledged) units do not cover the amount. */
    INSUFFICIENT_AVAILABLE_BALANCE,
    /** A holder cannot transfer to itself or pledge to itself. */
    SAME_HOLDER,
    /** No pledge with this id exists on the series. */
    UNKNOWN_PLEDGE,
    /** The pledge has already been released or seized. */
    PLEDGE_NOT_OPEN,
    /** A command id was used before with other content. */
    ID_REUSED_WITH_OTHER_CONTENT,

    // --- loans ---
    /** No loan with this id has been offered. */
    UNKNOWN_LOAN,
    /** The principal is not the lender of the loan it offers. */
    NOT_LENDER,
    /** The principal is not the borrower of the loan it accepts or repays. */
    NOT_BORROWER,
    /** The principal is neither the lender nor the borrower of the loan. */
    NOT_LOAN_PARTY,
    /** A due instant (or a poll's closing instant) that is not after now. */
    INSTANT_NOT_IN_FUTURE,
    /** A due instant (or a poll's closing instant) further ahead than the longest term allowed. */
    TERM_TOO_LONG,
    /** The loan is not (or no longer) an offer waiting for its borrower. */
    LOAN_NOT_OFFERED,
    /** The loan's due instant passed before the borrower accepted (or repaid) it. */
    LOAN_OVERDUE,
    /** The loan is not open: not yet opened, or already repaid, defaulted or failed. */
    LOAN_NOT_OPEN,
    /** A repayment of the loan is under way. */
    LOAN_REPAYMENT_IN_PROGRESS,
    /** The loan's due instant has not passed yet. */
    LOAN_NOT_DUE,
    /** A pledge or transfer id of the loans' name space ("loan:"), used by anything but a loan's own step. */
    LOAN_STEP_RESERVED,
    /** A step of the loan saga arrived in a state it does not belong to. */
    LOAN_STEP_OUT_OF_ORDER,

    // --- governance polls ---
    /** The principal is not a registered governance member. */
    NOT_GOVERNANCE_MEMBER,
    /** No poll with this id has been opened. */
    UNKNOWN_POLL,
    /** The poll has closed: no more votes. */
    POLL_CLOSED
}
