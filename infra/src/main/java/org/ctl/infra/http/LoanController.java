package org.ctl.infra.http;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.ctl.domain.loan.AcceptLoan;
import org.ctl.domain.loan.FindLoan;
import org.ctl.domain.loan.FindLoanPositionsOfHolder;
import org.ctl.domain.loan.FindLoansOfHolder;
import org.ctl.domain.loan.HolderLoanPositions;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanPosition;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.loan.LoanView;
import org.ctl.domain.loan.OfferLoan;
import org.ctl.domain.loan.RepayLoan;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.infra.security.Roles;
import org.ctl.query.loan.LoanProjection;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loans over HTTP: the lender offers ({@code POST /api/loans}), the borrower accepts
 * ({@code POST /api/loans/{id}/accept}) and later repays ({@code POST /api/loans/{id}/repay}); each party's own
 * signed request is its consent, checked by the {@code Loan} aggregate. Acceptance and repayment answer at once;
 * the loan saga then moves the units and the pledge, so a read of the loan shows OPENING or REPAYING until it is
 * OPEN or FAILED, REPAID. The lender, the borrower and auditors may read a loan; a holder and auditors its loans.
 */
@RestController
@RequestMapping("/api")
public class LoanController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ProjectionProgress progress;

    public LoanController(LedgerCommands commands, LedgerQueries queries, ProjectionProgress progress) {
        this.commands = commands;
        this.queries = queries;
        this.progress = progress;
    }

    /** Units of one series in a loan request. */
    record UnitsOf(String tokenId, Long amount) {
    }

    /** The lender's offer. */
    record LoanOfferRequest(String loanId, String lender, String borrower, UnitsOf lent, UnitsOf collateral,
                            Instant dueAt) {
        OfferLoan toCommand() {
            UnitsOf lentUnits = Required.present(lent, "lent");
            UnitsOf collateralUnits = Required.present(collateral, "collateral");
            return new OfferLoan(LoanId.of(loanId), new LoanTerms(holder(lender, "lender"),
                    holder(borrower, "borrower"), TokenId.of(lentUnits.tokenId()),
                    units(lentUnits.amount(), "lent.amount"), TokenId.of(collateralUnits.tokenId()),
                    units(collateralUnits.amount(), "collateral.amount"), dueAt));
        }

        private static HolderId holder(String name, String what) {
            return HolderId.of(Required.present(name, what));
        }

        private static Units units(Long amount, String what) {
            return Units.positive(Required.present(amount, what), what);
        }
    }

    /** A holder's loans and, per series, what it has lent out and borrowed in loans still owed. */
    record HolderLoans(String holder, List<LoanPosition> lentOut, List<LoanPosition> borrowed, List<LoanView> loans) {
    }

    @PostMapping(path = "/loans", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CommandAnswer offer(@RequestBody LoanOfferRequest request) {
        OfferLoan command = request.toCommand();
        return commands.send(command, command.loanId().value());
    }

    @PostMapping(path = "/loans/{loanId}/accept", consumes = MediaType.ALL_VALUE)
    CommandAnswer accept(@PathVariable String loanId) {
        return commands.send(new AcceptLoan(LoanId.of(loanId)), loanId);
    }

    @PostMapping(path = "/loans/{loanId}/repay", consumes = MediaType.ALL_VALUE)
    CommandAnswer repay(@PathVariable String loanId) {
        return commands.send(new RepayLoan(LoanId.of(loanId)), loanId);
    }

    @GetMapping("/loans/{loanId}")
    LoanView loan(@PathVariable String loanId, Authentication principal,
                  @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), LoanProjection.PROCESSING_GROUP);
        LoanView loan = queries.ask(new FindLoan(LoanId.of(loanId)), ResponseTypes.optionalInstanceOf(LoanView.class))
                .orElseThrow(() -> new RuleViolation(RuleCode.UNKNOWN_LOAN, "no loan " + loanId));
        if (!isAuditor(principal) && !loan.lender().value().equals(principal.getName())
                && !loan.borrower().value().equals(principal.getName())) {
            throw new QueryController.ReadForbidden("only the lender, the borrower and auditors may read loan "
                    + loanId);
        }
        return loan;
    }

    @GetMapping("/holders/{holder}/loans")
    HolderLoans loansOfHolder(@PathVariable String holder, Authentication principal,
                              @RequestParam(defaultValue = "false") boolean open,
                              @RequestParam(defaultValue = "0") int offset,
                              @RequestParam(defaultValue = "100") int limit,
                              @RequestParam(required = false) Long position) {
        HolderId holderId = HolderId.of(holder);
        if (!isAuditor(principal) && !holderId.value().equals(principal.getName())) {
            throw new QueryController.ReadForbidden("only " + holder + " and auditors may read " + holder + "'s loans");
        }
        Page page = new Page(offset, limit);
        progress.awaitPosition(optional(position), LoanProjection.PROCESSING_GROUP);
        HolderLoanPositions positions = queries.ask(new FindLoanPositionsOfHolder(holderId),
                ResponseTypes.instanceOf(HolderLoanPositions.class));
        List<LoanView> loans = queries.askList(new FindLoansOfHolder(holderId, open, page), LoanView.class);
        return new HolderLoans(holder, positions.lentOut(), positions.borrowed(), loans);
    }

    private static boolean isAuditor(Authentication principal) {
        return principal.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals("ROLE_" + Roles.AUDITOR));
    }

    private static OptionalLong optional(Long position) {
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
