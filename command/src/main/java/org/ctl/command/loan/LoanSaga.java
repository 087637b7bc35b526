package org.ctl.command.loan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.ctl.domain.loan.CompleteRepayment;
import org.ctl.domain.loan.ConfirmLoanOpened;
import org.ctl.domain.loan.DefaultLoan;
import org.ctl.domain.loan.FailLoanOpening;
import org.ctl.domain.loan.FailRepayment;
import org.ctl.domain.loan.LoanAccepted;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanOpeningFailed;
import org.ctl.domain.loan.LoanRepaid;
import org.ctl.domain.loan.LoanRepaymentFailed;
import org.ctl.domain.loan.LoanRepaymentStarted;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.loan.LoanSteps.Step;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.loan.RecordSeizureRefused;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.transfer.TransferUnits;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Moves a loan's units and pledge on the series, step by step, and reports each outcome to the {@link Loan}:
 * <ul>
 *   <li>accepted: the borrower pledges the collateral to the lender, then the lender transfers the lent units;
 *       a refused pledge fails the loan; a refused transfer releases the pledge again, then fails the loan;</li>
 *   <li>opened: a deadline at the due instant (Axon's deadline manager; persistent in the ledger);</li>
 *   <li>repayment: the borrower transfers the units back, then the lender releases the pledge; a refused return
 *       puts the loan back to open and the deadline back in place (at once when the due instant has passed);</li>
 *   <li>due: the loan defaults; then the lender seizes the pledge.</li>
 * </ul>
 * Each step carries the authority of the party it acts for: the borrower's for the pledge and the return, given
 * when accepting and repaying; the lender's for the lending transfer, the release after a repayment or a failed
 * opening, and the seizure after a default, given with the offer's terms. Step ids derive from the loan's id
 * ({@link LoanSteps}), so a step sent twice (the saga's event retried after a crash) is a harmless repeat.
 *
 * <p>Only the event handlers change the saga's state; its state is the loan's id and terms.
 */
@Saga
@ProcessingGroup(LoanSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class LoanSaga {

    /** The processing group (and processor) of the loan sagas. */
    public static final String PROCESSING_GROUP = "loans";
    /** The name of the deadline at a loan's due instant. */
    public static final String DUE = "loanDue";
    private static final String LOAN_ID = "loanId";
    /** How long after a deadline that fired before the due instant (by the loan's clock) it fires again. */
    static final Duration RETRY_EARLY_DUE = Duration.ofSeconds(1);

    private LoanId loanId;
    private LoanTerms terms;

    private transient PartyCommandGateway commands;
    private transient DeadlineManager deadlineManager;

    @Autowired
    public void setCommands(PartyCommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    public void setDeadlineManager(DeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanAccepted event) {
        loanId = event.loanId();
        terms = event.terms();
        Optional<RuleCode> pledgeRefused = commands.send(terms.borrower(),
                new PledgeUnits(terms.collateralToken(), pledgeId(), terms.borrower(), terms.lender(),
                        terms.collateralAmount()));
        if (pledgeRefused.isPresent()) {
            commands.send(terms.borrower(), new FailLoanOpening(loanId, Step.PLEDGE, pledgeRefused.get(), false));
            return;
        }
        Optional<RuleCode> lendRefused = commands.send(terms.lender(),
                new TransferUnits(terms.lentToken(), LoanSteps.idOf(loanId, Step.LEND), terms.lender(),
                        terms.borrower(), terms.lentAmount()));
        if (lendRefused.isPresent()) {
            boolean released = commands.send(terms.lender(), new ReleasePledge(terms.collateralToken(), pledgeId()))
                    .isEmpty();
            commands.send(terms.lender(), new FailLoanOpening(loanId, Step.LEND, lendRefused.get(), released));
            return;
        }
        commands.send(terms.lender(), new ConfirmLoanOpened(loanId));
    }

    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanOpened event) {
        deadlineManager.schedule(terms.dueAt(), DUE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanOpeningFailed event) {
        // Nothing is left to undo: the saga released the pledge before it reported the failure.
    }

    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanRepaymentStarted event) {
        deadlineManager.cancelAllWithinScope(DUE);
        Optional<RuleCode> returnRefused = commands.send(terms.borrower(),
                new TransferUnits(terms.lentToken(), LoanSteps.idOf(loanId, Step.RETURN), terms.borrower(),
                        terms.lender(), terms.lentAmount()));
        if (returnRefused.isPresent()) {
            commands.send(terms.borrower(), new FailRepayment(loanId, returnRefused.get()));
            return;
        }
        // The units are back: the repayment stands even if the collateral series, settled by a flag meanwhile,
        // refuses the release (a wound-up series released every pledge itself; a worthless one keeps it locked).
        Optional<RuleCode> releaseRefused = commands.send(terms.lender(),
                new ReleasePledge(terms.collateralToken(), pledgeId()));
        commands.send(terms.lender(), new CompleteRepayment(loanId, releaseRefused.orElse(null)));
    }

    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanRepaymentFailed event) {
        // A past instant fires at once: a loan whose return failed after its due instant defaults now.
        deadlineManager.schedule(terms.dueAt(), DUE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanRepaid event) {
        // The deadline was cancelled when the repayment started.
    }

    @DeadlineHandler(deadlineName = DUE)
    void onDue() {
        Optional<RuleCode> refused = commands.send(terms.lender(), new DefaultLoan(loanId));
        if (refused.isPresent() && refused.get() == RuleCode.LOAN_NOT_DUE) {
            // Fired early by a clock that disagrees with the loan's: try again a moment later.
            deadlineManager.schedule(RETRY_EARLY_DUE, DUE);
        }
        // Other refusals need nothing: a repayment under way either completes (REPAID) or fails, and a failed
        // one schedules this deadline again.
    }

    @EndSaga
    @SagaEventHandler(associationProperty = LOAN_ID)
    void on(LoanDefaulted event) {
        Optional<RuleCode> seizeRefused = commands.send(terms.lender(),
                new SeizePledge(terms.collateralToken(), pledgeId()));
        seizeRefused.ifPresent(cause -> commands.send(terms.lender(), new RecordSeizureRefused(loanId, cause)));
    }

    private CommandId pledgeId() {
        return LoanSteps.idOf(loanId, Step.PLEDGE);
    }
}
