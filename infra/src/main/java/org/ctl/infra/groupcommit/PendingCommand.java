package org.ctl.infra.groupcommit;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;

/** A command waiting in a lane, with the sender's callback, which hears its outcome only once it is committed. */
final class PendingCommand<C, R> {

    private final CommandMessage<C> command;
    private final CommandCallback<? super C, ? super R> callback;
    private CommandResultMessage<? extends R> outcome;

    PendingCommand(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        this.command = command;
        this.callback = callback;
    }

    CommandMessage<C> command() {
        return command;
    }

    CommandCallback<? super C, ? super R> callback() {
        return callback;
    }

    /** The outcome the handler gave inside the group's transaction: not yet told to the sender. */
    @SuppressWarnings("unchecked")
    void hold(CommandResultMessage<?> outcome) {
        this.outcome = (CommandResultMessage<? extends R>) outcome;
    }

    CommandResultMessage<? extends R> outcome() {
        return outcome;
    }

    /** Tells the sender the outcome held for it (called after the group's transaction committed). */
    void deliver() {
        callback.onResult(command, outcome);
    }

    void fail(Throwable failure) {
        callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(failure));
    }
}
