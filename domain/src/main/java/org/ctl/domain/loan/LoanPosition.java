package org.ctl.domain.loan;

import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** Units of one series that a holder has lent out, or borrowed, in loans still owed. */
public record LoanPosition(TokenId tokenId, Units units) {
}
