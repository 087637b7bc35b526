package org.ctl.infra.loan;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.command.loan.PartyCommandGateway;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.infra.http.LedgerCommands;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.principal.PrincipalMetaData;
import org.springframework.stereotype.Component;

/**
 * The loan saga's steps, each sent as the party whose authority it carries ({@link ActingAs}), so that the
 * principal enters the command where it enters every other one ({@link PrincipalMetaData}) and the series checks
 * ownership as for any caller; each carries the loan-step mark ({@link LoanSteps#METADATA_KEY}). A step whose
 * outcome is unknown (a timeout) throws: the saga's event is then retried, and the step's derived id makes the
 * second send a harmless repeat.
 */
@Component
public class PrincipalPartyCommandGateway implements PartyCommandGateway {

    private final CommandGateway commandGateway;

    public PrincipalPartyCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public Optional<RuleCode> send(HolderId party, Object command) {
        try {
            CommandMessage<?> step = GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(LoanSteps.METADATA_KEY, "true"));
            Object answer = ActingAs.run(party.value(), () -> commandGateway.sendAndWait(step,
                    LedgerCommands.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            if (answer == null) {
                throw new IllegalStateException("no answer to " + command.getClass().getSimpleName() + " within "
                        + LedgerCommands.COMMAND_TIMEOUT);
            }
            return Optional.empty();
        } catch (RuleViolation refused) {
            return Optional.of(refused.code());
        } catch (CommandExecutionException failed) {
            if (failed.getCause() instanceof RuleViolation refused) {
                return Optional.of(refused.code());
            }
            throw failed;
        }
    }
}
