package org.ctl.domain.loan;

import java.util.Optional;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;

/**
 * The ids of the commands a loan sends to the series, derived from the loan's id so that a step sent again
 * (after a crash, say) is a harmless repeat, and so that every series' provenance names the loan of each step.
 * All of them start with {@value #PREFIX}.
 */
public final class LoanSteps {

    /** The name space of loan steps among pledge and transfer ids. */
    public static final String PREFIX = "loan:";
    /**
     * The metadata key that marks a command as a loan's step, put there by the loan saga's sender only (HTTP
     * requests cannot set metadata). A pledge, transfer, release or seizure whose id is in the {@link #PREFIX}
     * name space is refused without it: only a loan moves a loan's units or closes its pledge, so the lender (the
     * pledgee) cannot seize it before the due instant, and nobody can take a loan's ids first.
     */
    public static final String METADATA_KEY = "loanStep";

    /** One step of a loan on a series. */
    public enum Step {
        /** The borrower's pledge of the collateral to the lender. */
        PLEDGE("pledge"),
        /** The lender's transfer of the lent units to the borrower. */
        LEND("lend"),
        /** The borrower's transfer of the lent units back to the lender. */
        RETURN("return");

        private final String suffix;

        Step(String suffix) {
            this.suffix = suffix;
        }
    }

    /** A step of a loan, as read from a command id. */
    public record LoanStep(LoanId loanId, Step step) {
    }

    private LoanSteps() {
    }

    public static CommandId idOf(LoanId loanId, Step step) {
        return CommandId.of(PREFIX + loanId.value() + ":" + step.suffix);
    }

    /**
     * Refuses a command whose id is in the loans' name space unless it carries the loan-step mark.
     *
     * @param loanStepMark the value of {@link #METADATA_KEY} in the command's metadata, or null
     * @throws RuleViolation {@link RuleCode#LOAN_STEP_RESERVED}
     */
    public static void requireLoanStepOrOtherId(CommandId commandId, String loanStepMark) {
        RuleViolation.require(!commandId.value().startsWith(PREFIX) || loanStepMark != null,
                RuleCode.LOAN_STEP_RESERVED, "ids starting with '" + PREFIX + "' are reserved to the steps of loans,"
                        + " which only the loan moves: " + commandId);
    }

    /** The loan step a pledge or transfer id names, if it is one. */
    public static Optional<LoanStep> stepOf(String commandId) {
        if (commandId == null || !commandId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = commandId.lastIndexOf(':');
        if (separator <= PREFIX.length()) {
            return Optional.empty();
        }
        String loan = commandId.substring(PREFIX.length(), separator);
        String suffix = commandId.substring(separator + 1);
        for (Step step : Step.values()) {
            if (step.suffix.equals(suffix) && loan.length() <= LoanId.MAX_LENGTH) {
                return Optional.of(new LoanStep(LoanId.of(loan), step));
            }
        }
        return Optional.empty();
    }
}
