package org.ctl.command.loan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.ctl.domain.shared.RuleViolation.require;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.ctl.domain.loan.AcceptLoan;
import org.ctl.domain.loan.CompleteRepayment;
import org.ctl.domain.loan.ConfirmLoanOpened;
import org.ctl.domain.loan.DefaultLoan;
import org.ctl.domain.loan.FailLoanOpening;
import org.ctl.domain.loan.FailRepayment;
import org.ctl.domain.loan.LoanAccepted;
import org.ctl.domain.loan.LoanCollateralNotSeized;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanOffered;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanOpeningFailed;
import org.ctl.domain.loan.LoanRepaid;
import org.ctl.domain.loan.LoanRepaymentFailed;
import org.ctl.domain.loan.LoanRepaymentStarted;
import org.ctl.domain.loan.LoanStatus;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.loan.OfferLoan;
import org.ctl.domain.loan.RecordSeizureRefused;
import org.ctl.domain.loan.RepayLoan;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;

/**
 * One loan's own state and every rule about it: who may offer, accept and repay it, when, and in which order
 * its steps may happen. The units and the pledge themselves live in the series; {@link LoanSaga} moves them
 * and reports each step's outcome back here, so that a loan is never half open: it ends REPAID, DEFAULTED or
 * FAILED (with whatever was done before the failing step undone).
 *
 * <p>Time is Axon's message clock ({@link GenericEventMessage#clock}): the system clock in the ledger, the
 * simulated one in test fixtures.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Loan {

    /** The longest a loan may run, from its offer to its due instant. */
    public static final Duration LONGEST_TERM = Duration.ofDays(366);

    @AggregateIdentifier
    private LoanId loanId;
    private LoanTerms terms;
    private LoanStatus status;
    private long acceptedAtSequence = -1;
    private long openedAtSequence = -1;
    private long repaymentAtSequence = -1;
    private long closedAtSequence = -1;
    private boolean seizureRefused;

    protected Loan() {
        // Axon builds the aggregate from its events through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandReceipt handle(OfferLoan command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        HolderId actor = ActingPrincipal.require(principal);
        require(actor.equals(command.terms().lender()), RuleCode.NOT_LENDER,
                actor + " cannot offer a loan whose lender is " + command.terms().lender());
        if (loanId != null) {
            require(terms.equals(command.terms()), RuleCode.ID_REUSED_WITH_OTHER_CONTENT,
                    "loan " + command.loanId().value() + " was offered before with other terms");
            return repeatedAt(0);
        }
        Instant now = now();
        Instant dueAt = command.terms().dueAt();
        require(dueAt.isAfter(now), RuleCode.INSTANT_NOT_IN_FUTURE,
                "dueAt " + dueAt + " is not after now (" + now + ")");
        require(!dueAt.isAfter(now.plus(LONGEST_TERM)), RuleCode.TERM_TOO_LONG,
                "dueAt " + dueAt + " is more than " + LONGEST_TERM.toDays() + " days ahead");
        apply(new LoanOffered(command.loanId(), command.terms()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(AcceptLoan command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireActor(principal, terms.borrower(), RuleCode.NOT_BORROWER, "accept");
        if (acceptedAtSequence >= 0) {
            return repeatedAt(acceptedAtSequence);
        }
        require(status == LoanStatus.OFFERED, RuleCode.LOAN_NOT_OFFERED, "loan " + name() + " is " + status);
        require(now().isBefore(terms.dueAt()), RuleCode.LOAN_OVERDUE,
                "the offer of loan " + name() + " lapsed at its due instant " + terms.dueAt());
        apply(new LoanAccepted(loanId, terms));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(ConfirmLoanOpened command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        if (openedAtSequence >= 0) {
            return repeatedAt(openedAtSequence);
        }
        requireStep(LoanStatus.OPENING);
        apply(new LoanOpened(loanId, terms));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(FailLoanOpening command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        if (status == LoanStatus.FAILED) {
            return repeatedAt(closedAtSequence);
        }
        requireStep(LoanStatus.OPENING);
        apply(new LoanOpeningFailed(loanId, command.failedStep(), command.cause(), command.pledgeReleased()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(RepayLoan command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireActor(principal, terms.borrower(), RuleCode.NOT_BORROWER, "repay");
        if (status == LoanStatus.REPAYING || status == LoanStatus.REPAID) {
            // Only one repayment ever moves units: asking again answers as the first request did.
            return repeatedAt(repaymentAtSequence);
        }
        require(status == LoanStatus.OPEN, RuleCode.LOAN_NOT_OPEN, "loan " + name() + " is " + status);
        require(now().isBefore(terms.dueAt()), RuleCode.LOAN_OVERDUE,
                "loan " + name() + " was due at " + terms.dueAt() + "; it defaults");
        apply(new LoanRepaymentStarted(loanId));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(CompleteRepayment command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        if (status == LoanStatus.REPAID) {
            return repeatedAt(closedAtSequence);
        }
        requireStep(LoanStatus.REPAYING);
        apply(new LoanRepaid(loanId, command.releaseRefusedBy()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(FailRepayment command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        requireStep(LoanStatus.REPAYING);
        apply(new LoanRepaymentFailed(loanId, command.cause()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(DefaultLoan command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        if (status == LoanStatus.DEFAULTED) {
            return repeatedAt(closedAtSequence);
        }
        require(status != LoanStatus.REPAYING, RuleCode.LOAN_REPAYMENT_IN_PROGRESS,
                "loan " + name() + " is being repaid");
        require(status == LoanStatus.OPEN, RuleCode.LOAN_NOT_OPEN, "loan " + name() + " is " + status);
        Instant now = now();
        require(!now.isBefore(terms.dueAt()), RuleCode.LOAN_NOT_DUE,
                "loan " + name() + " is due at " + terms.dueAt() + ", not yet at " + now);
        apply(new LoanDefaulted(loanId));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(RecordSeizureRefused command,
                          @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        requireParty(principal);
        if (seizureRefused) {
            return repeatedAt(AggregateLifecycle.getVersion());
        }
        requireStep(LoanStatus.DEFAULTED);
        apply(new LoanCollateralNotSeized(loanId, command.cause()));
        return accepted();
    }

    // --- checks and answers shared by the handlers ---

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private String name() {
        return loanId.value();
    }

    private void requireActor(String principal, HolderId party, RuleCode code, String action) {
        HolderId actor = ActingPrincipal.require(principal);
        require(actor.equals(party), code, actor + " cannot " + action + " loan " + name() + " of " + party);
    }

    private void requireParty(String principal) {
        HolderId actor = ActingPrincipal.require(principal);
        require(terms.isParty(actor), RuleCode.NOT_LOAN_PARTY, actor + " is no party of loan " + name());
    }

    private void requireStep(LoanStatus expected) {
        require(status == expected, RuleCode.LOAN_STEP_OUT_OF_ORDER,
                "loan " + name() + " is " + status + ", not " + expected);
    }

    private CommandReceipt accepted() {
        return new CommandReceipt(loanId.stream(), AggregateLifecycle.getVersion(), false);
    }

    private CommandReceipt repeatedAt(long sequence) {
        return new CommandReceipt(loanId.stream(), sequence, true);
    }

    // --- state changes, from events only ---

    @EventSourcingHandler
    void on(LoanOffered event) {
        loanId = event.loanId();
        terms = event.terms();
        status = LoanStatus.OFFERED;
    }

    @EventSourcingHandler
    void on(LoanAccepted event, @SequenceNumber long sequence) {
        status = LoanStatus.OPENING;
        acceptedAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanOpened event, @SequenceNumber long sequence) {
        status = LoanStatus.OPEN;
        openedAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanOpeningFailed event, @SequenceNumber long sequence) {
        status = LoanStatus.FAILED;
        closedAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanRepaymentStarted event, @SequenceNumber long sequence) {
        status = LoanStatus.REPAYING;
        repaymentAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanRepaymentFailed event) {
        status = LoanStatus.OPEN;
        repaymentAtSequence = -1;
    }

    @EventSourcingHandler
    void on(LoanRepaid event, @SequenceNumber long sequence) {
        status = LoanStatus.REPAID;
        closedAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanDefaulted event, @SequenceNumber long sequence) {
        status = LoanStatus.DEFAULTED;
        closedAtSequence = sequence;
    }

    @EventSourcingHandler
    void on(LoanCollateralNotSeized event) {
        seizureRefused = true;
    }
}
