package org.ctl.query.loan;

import static org.ctl.query.shared.Columns.instant;
import static org.ctl.query.shared.Columns.timestamp;
import static org.ctl.query.shared.Columns.units;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.ctl.domain.loan.FindLoan;
import org.ctl.domain.loan.FindLoanPositionsOfHolder;
import org.ctl.domain.loan.FindLoansOfHolder;
import org.ctl.domain.loan.HolderLoanPositions;
import org.ctl.domain.loan.LoanAccepted;
import org.ctl.domain.loan.LoanCollateralNotSeized;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanOffered;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanOpeningFailed;
import org.ctl.domain.loan.LoanPosition;
import org.ctl.domain.loan.LoanRepaid;
import org.ctl.domain.loan.LoanRepaymentFailed;
import org.ctl.domain.loan.LoanRepaymentStarted;
import org.ctl.domain.loan.LoanStatus;
import org.ctl.domain.loan.LoanView;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.TokenId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every loan and where it stands ({@code loan_view}), for its lender, its borrower and auditors; a holder's open
 * loans, and per series the units it has lent out and borrowed in loans still owed. Answers {@link FindLoan},
 * {@link FindLoansOfHolder} and {@link FindLoanPositionsOfHolder}. Writes only through the {@link JdbcTemplate},
 * in the processor's transaction.
 */
@Component
@ProcessingGroup(LoanProjection.PROCESSING_GROUP)
@AllowReplay
public class LoanProjection {

    /** The processing group (and processor) name of this projection (the saga's group is "loans"). */
    public static final String PROCESSING_GROUP = "loan-book";

    /** The statuses of a loan still owed: the borrower holds the lent units, the lender the pledge. */
    private static final String OWED = "('" + LoanStatus.OPEN + "', '" + LoanStatus.REPAYING + "')";

    private final JdbcTemplate jdbc;

    public LoanProjection(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
    }

    // --- events ---

    @EventHandler
    void on(LoanOffered event, @Timestamp Instant occurredAt) {
        LoanTerms terms = event.terms();
        jdbc.update("""
                INSERT INTO loan_view (loan_id, lender, borrower, lent_token, lent_amount, collateral_token,
                    collateral_amount, due_at, status, cause, offered_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)""",
                event.loanId().value(), terms.lender().value(), terms.borrower().value(), terms.lentToken().value(),
                terms.lentAmount().value(), terms.collateralToken().value(), terms.collateralAmount().value(),
                timestamp(terms.dueAt()), LoanStatus.OFFERED.name(), timestamp(occurredAt), timestamp(occurredAt));
    }

    @EventHandler
    void on(LoanAccepted event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.OPENING, null, occurredAt);
    }

    @EventHandler
    void on(LoanOpened event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.OPEN, null, occurredAt);
    }

    @EventHandler
    void on(LoanOpeningFailed event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.FAILED, event.failedStep() + " refused: " + event.cause()
                + (event.pledgeReleased() ? "; pledge released" : ""), occurredAt);
    }

    @EventHandler
    void on(LoanRepaymentStarted event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.REPAYING, null, occurredAt);
    }

    @EventHandler
    void on(LoanRepaymentFailed event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.OPEN, "repayment refused: " + event.cause(), occurredAt);
    }

    @EventHandler
    void on(LoanRepaid event, @Timestamp Instant occurredAt) {
        RuleCode refused = event.releaseRefusedBy();
        status(event.loanId(), LoanStatus.REPAID, refused == null ? null : "pledge release refused: " + refused,
                occurredAt);
    }

    @EventHandler
    void on(LoanDefaulted event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.DEFAULTED, null, occurredAt);
    }

    @EventHandler
    void on(LoanCollateralNotSeized event, @Timestamp Instant occurredAt) {
        status(event.loanId(), LoanStatus.DEFAULTED, "seizure refused: " + event.cause(), occurredAt);
    }

    private void status(LoanId loanId, LoanStatus status, String cause, Instant occurredAt) {
        jdbc.update("UPDATE loan_view SET status = ?, cause = ?, updated_at = ? WHERE loan_id = ?",
                status.name(), cause, timestamp(occurredAt), loanId.value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM loan_view");
    }

    // --- queries ---

    @QueryHandler
    Optional<LoanView> handle(FindLoan query) {
        return jdbc.query("SELECT * FROM loan_view WHERE loan_id = ?", LoanProjection::loan, query.loanId().value())
                .stream().findFirst();
    }

    @QueryHandler
    List<LoanView> handle(FindLoansOfHolder query) {
        String holder = query.holder().value();
        return jdbc.query("SELECT * FROM loan_view WHERE (lender = ? OR borrower = ?)"
                        + (query.openOnly() ? " AND status IN " + OWED : "")
                        + " ORDER BY offered_at DESC, loan_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                LoanProjection::loan, holder, holder, query.page().offset(), query.page().limit());
    }

    @QueryHandler
    HolderLoanPositions handle(FindLoanPositionsOfHolder query) {
        String holder = query.holder().value();
        List<LoanPosition> lentOut = jdbc.query("SELECT lent_token, SUM(lent_amount) AS units FROM loan_view"
                        + " WHERE lender = ? AND status IN " + OWED + " GROUP BY lent_token ORDER BY lent_token",
                LoanProjection::position, holder);
        List<LoanPosition> borrowed = jdbc.query("SELECT lent_token, SUM(lent_amount) AS units FROM loan_view"
                        + " WHERE borrower = ? AND status IN " + OWED + " GROUP BY lent_token ORDER BY lent_token",
                LoanProjection::position, holder);
        return new HolderLoanPositions(query.holder(), lentOut, borrowed);
    }

    private static LoanPosition position(ResultSet row, int index) throws SQLException {
        return new LoanPosition(TokenId.of(row.getString("lent_token")), units(row, "units"));
    }

    private static LoanView loan(ResultSet row, int index) throws SQLException {
        return new LoanView(LoanId.of(row.getString("loan_id")), HolderId.of(row.getString("lender")),
                HolderId.of(row.getString("borrower")), TokenId.of(row.getString("lent_token")),
                units(row, "lent_amount"), TokenId.of(row.getString("collateral_token")),
                units(row, "collateral_amount"), instant(row, "due_at"), LoanStatus.valueOf(row.getString("status")),
                row.getString("cause"), instant(row, "offered_at"), instant(row, "updated_at"));
    }
}
