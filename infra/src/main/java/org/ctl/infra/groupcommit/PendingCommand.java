package org.ctl.infra.groupcommit;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command waiting in a lane, with the sender's callback. The sender is answered exactly once: with the outcome
 * held for it once its group has committed, with its outcome when it ran alone, or with the failure that stopped it.
 */
final class PendingCommand<C, R> {

    private static final Logger log = LoggerFactory.getLogger(PendingCommand.class);

    private final CommandMessage<C> command;
    private final CommandCallback<? super C, ? super R> callback;
    private CommandResultMessage<? extends R> held;
    private boolean answered;

    PendingCommand(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        this.command = command;
        this.callback = callback;
    }

    CommandMessage<C> command() {
        return command;
    }

    /** The outcome the handler gave inside the group's transaction: not yet told to the sender. */
    void hold(CommandResultMessage<?> outcome) {
        this.held = cast(outcome);
    }

    /** Tells the sender the outcome held for it (called after the group's transaction committed). */
    void deliverHeld() {
        answer(held);
    }

    void fail(Throwable failure) {
        answer(GenericCommandResultMessage.asCommandResultMessage(failure));
    }

    boolean answered() {
        return answered;
    }

    /** Answers the sender, once; a sender's callback that throws cannot keep the lane from answering the others. */
    void answer(CommandResultMessage<?> outcome) {
        if (answered) {
            return;
        }
        answered = true;
        try {
            callback.onResult(command, cast(outcome));
        } catch (RuntimeException callbackFailed) {
            log.warn("The sender's callback of command [{}] failed", command.getIdentifier(), callbackFailed);
        }
    }

    @SuppressWarnings("unchecked")
    private CommandResultMessage<? extends R> cast(CommandResultMessage<?> outcome) {
        return (CommandResultMessage<? extends R>) outcome;
    }
}
