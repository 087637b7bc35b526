package org.ctl.domain.loan;

/** Where a loan stands. */
public enum LoanStatus {
    /** The lender offered; the borrower has not accepted yet. Nothing has moved. */
    OFFERED,
    /** The borrower accepted; the collateral is being pledged and the units lent. */
    OPENING,
    /** Collateral pledged, units lent: the borrower owes them back by the due instant. */
    OPEN,
    /** The borrower asked to repay; the units are going back and the pledge is being released. */
    REPAYING,
    /** Units returned; the pledge was released (or could not be, see the event). Final. */
    REPAID,
    /** The due instant passed unpaid; the pledge is seized for the lender. Final. */
    DEFAULTED,
    /** A step of the opening was refused; everything done before it was undone. Final. */
    FAILED;

    public boolean isFinal() {
        return this == REPAID || this == DEFAULTED || this == FAILED;
    }
}
