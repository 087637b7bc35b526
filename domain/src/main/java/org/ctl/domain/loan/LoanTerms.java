package org.ctl.domain.loan;

import java.time.Instant;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * What lender and borrower agree: {@code lentAmount} units of {@code lentToken} go from the lender to the
 * borrower until {@code dueAt}, secured by {@code collateralAmount} units of {@code collateralToken} that the
 * borrower pledges to the lender (the same series or another).
 */
public record LoanTerms(HolderId lender, HolderId borrower, TokenId lentToken, Units lentAmount,
                        TokenId collateralToken, Units collateralAmount, Instant dueAt) {

    public LoanTerms {
        Required.present(lender, "lender");
        Required.present(borrower, "borrower");
        Required.present(lentToken, "lentToken");
        lentAmount = Units.positive(Required.present(lentAmount, "lentAmount").value(), "lentAmount");
        Required.present(collateralToken, "collateralToken");
        collateralAmount = Units.positive(Required.present(collateralAmount, "collateralAmount").value(),
                "collateralAmount");
        Required.present(dueAt, "dueAt");
        RuleViolation.require(!lender.equals(borrower), RuleCode.SAME_HOLDER, "a holder cannot lend to itself");
    }

    /** Whether {@code holder} is the lender or the borrower. */
    public boolean isParty(HolderId holder) {
        return lender.equals(holder) || borrower.equals(holder);
    }
}
