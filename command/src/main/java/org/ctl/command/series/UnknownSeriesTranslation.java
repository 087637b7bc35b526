package org.ctl.command.series;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.ctl.domain.governance.poll.PollCommand;
import org.ctl.domain.loan.LoanCommand;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;

/**
 * Turns Axon's "no such aggregate" into the ledger's named refusal {@link RuleCode#UNKNOWN_TOKEN} (or
 * {@link RuleCode#UNKNOWN_LOAN}, {@link RuleCode#UNKNOWN_POLL} for a loan's or a poll's command), so that a
 * command to a series that was never issued is refused like any other broken rule, for every caller.
 */
public class UnknownSeriesTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException notFound) {
            Object command = unitOfWork.getMessage().getPayload();
            if (command instanceof LoanCommand loanCommand) {
                throw new RuleViolation(RuleCode.UNKNOWN_LOAN, "no loan " + loanCommand.loanId().value()
                        + " has been offered");
            }
            if (command instanceof PollCommand pollCommand) {
                throw new RuleViolation(RuleCode.UNKNOWN_POLL, "no poll " + pollCommand.pollId().value()
                        + " has been opened");
            }
            throw new RuleViolation(RuleCode.UNKNOWN_TOKEN,
                    "no series or feed " + notFound.getAggregateIdentifier() + " has been issued");
        }
    }
}
