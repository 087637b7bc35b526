package org.ctl.infra.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.domain.shared.CommandReceipt;
import org.springframework.stereotype.Component;

/** Sends the HTTP API's commands through the command gateway, each with a bounded wait for its outcome. */
@Component
public class LedgerCommands {

    /** The longest a command may take before the client is told to retry with the same id. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final CommandGateway commandGateway;
    private final ProjectionProgress progress;

    public LedgerCommands(CommandGateway commandGateway, ProjectionProgress progress) {
        this.commandGateway = commandGateway;
        this.progress = progress;
    }

    /** Sends {@code command} (as the principal of the current request) and answers with its receipt. */
    public CommandAnswer send(Object command, String commandId) {
        CommandReceipt receipt = commandGateway.sendAndWait(command, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (receipt == null) {
            throw new LedgerUnavailable(Problems.LEDGER_TIMEOUT, "the command took longer than " + COMMAND_TIMEOUT
                    + "; send it again with the same id: a repeat is harmless");
        }
        long position = progress.globalPosition(receipt.aggregateId(), receipt.sequence());
        return new CommandAnswer(receipt.aggregateId(), commandId, receipt.sequence(), position, receipt.repeated());
    }
}
