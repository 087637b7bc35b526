package org.ctl.infra.groupcommit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's command bus: Axon's {@code SimpleCommandBus} runs the handlers, and this bus commits them in groups.
 *
 * <p>A command sent from outside any unit of work (HTTP, the Java gateway, a retry) goes to the lane of its target
 * aggregate. A lane runs everything that waits for it in one Axon unit of work with one transaction, each command
 * in a nested unit of work of its own, exactly as Axon nests a command sent from a handler: the aggregate stays
 * loaded and locked across the group, the events of all the commands are appended in one batch at the group's
 * commit, and the lookups that listen in the same transaction see them all. Only after that commit does a sender
 * hear its outcome, so an acknowledged command survives a kill -9 as before; a command whose group did not commit
 * is run again alone and answered from that run.
 *
 * <p>While one group commits, the next one gathers, so grouping costs no waiting: under light load every group
 * holds one command, under heavy load one commit (H2 writes a chunk, PostgreSQL flushes its log) serves many.
 *
 * <p>A command sent inside a unit of work (a saga's step, a deadline) is handled at once, nested in that unit of
 * work, as Axon does: it must see, and be part of, the transaction of whatever sent it. Dispatch interceptors run
 * here, in the sender's thread (where the sender's security context is), before a command joins a lane.
 */
public final class GroupCommitCommandBus implements CommandBus, AutoCloseable {

    /** The meter of commands per committed group (one sample per group). */
    public static final String GROUP_SIZE_METER = "ctl.commands.group.size";
    static final String RERUN_METER = "ctl.commands.group.rerun";
    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final CommandBus handlers;
    private final CommitLane[] lanes;
    private final RoutingStrategy routing = AnnotationRoutingStrategy.builder()
            .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.STATIC_KEY).build();
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> dispatchInterceptors =
            new CopyOnWriteArrayList<>();

    /**
     * @param handlers the bus that runs the handlers, each command in a unit of work of its own (with the
     *                 transaction manager attached, so that a command run alone has its own transaction)
     */
    public GroupCommitCommandBus(CommandBus handlers, TransactionManager transactionManager,
                                 GroupCommitProperties settings, MeterRegistry meters) {
        this.handlers = handlers;
        DistributionSummary groupSizes = DistributionSummary.builder(GROUP_SIZE_METER)
                .description("Commands committed together in one transaction").register(meters);
        Counter rerun = Counter.builder(RERUN_METER)
                .description("Commands run again alone because their group could not commit").register(meters);
        this.lanes = new CommitLane[settings.lanes()];
        for (int lane = 0; lane < lanes.length; lane++) {
            lanes[lane] = new CommitLane("ctl-commit-lane-" + lane, handlers, transactionManager,
                    settings.maxGroup(), groupSizes, rerun);
        }
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command,
                                CommandCallback<? super C, ? super R> callback) {
        CommandMessage<C> intercepted = intercept(command);
        if (CurrentUnitOfWork.isStarted() || !laneFor(intercepted).offer(new PendingCommand<>(intercepted, callback))) {
            handlers.dispatch(intercepted, callback);
        }
    }

    @SuppressWarnings("unchecked")
    private <C> CommandMessage<C> intercept(CommandMessage<C> command) {
        CommandMessage<C> intercepted = command;
        for (MessageDispatchInterceptor<? super CommandMessage<?>> interceptor : dispatchInterceptors) {
            intercepted = (CommandMessage<C>) interceptor.handle(intercepted);
        }
        return intercepted;
    }

    private CommitLane laneFor(CommandMessage<?> command) {
        return lanes[Math.floorMod(routing.getRoutingKey(command).hashCode(), lanes.length)];
    }

    @Override
    public Registration subscribe(String commandName,
                                  MessageHandler<? super CommandMessage<?>> handler) {
        return handlers.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlers.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        dispatchInterceptors.add(dispatchInterceptor);
        return () -> dispatchInterceptors.remove(dispatchInterceptor);
    }

    /** The lanes take no more commands (later ones are handled one by one), run those waiting and end. */
    @Override
    public void close() throws InterruptedException {
        for (CommitLane lane : lanes) {
            lane.stop(10_000);
        }
        log.debug("Commit lanes stopped");
    }
}
