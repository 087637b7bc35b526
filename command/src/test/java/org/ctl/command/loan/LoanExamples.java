package org.ctl.command.loan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** The loan of the tests: bob lends alice 10 units of clt-a against 4 units of clt-b, due a day after the offer. */
final class LoanExamples {

    static final LoanId LOAN = LoanId.of("loan-1");
    static final HolderId BOB = HolderId.of("bob");
    static final HolderId ALICE = HolderId.of("alice");
    static final HolderId CAROL = HolderId.of("carol");
    static final TokenId LENT = TokenId.of("clt-a");
    static final TokenId COLLATERAL = TokenId.of("clt-b");
    static final Instant OFFERED_AT = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DUE_AT = OFFERED_AT.plus(Duration.ofDays(1));
    static final LoanTerms TERMS = new LoanTerms(BOB, ALICE, LENT, Units.of(10), COLLATERAL, Units.of(4), DUE_AT);

    private LoanExamples() {
    }

    static Map<String, String> as(HolderId principal) {
        return Map.of(ActingPrincipal.METADATA_KEY, principal.value());
    }
}
