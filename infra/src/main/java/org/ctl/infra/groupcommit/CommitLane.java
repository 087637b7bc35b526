package org.ctl.infra.groupcommit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that takes the commands waiting for it and runs them in groups, each group in one unit of work with
 * one transaction: one commit for many commands. See {@link GroupCommitCommandBus} for the rules a group keeps.
 */
final class CommitLane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommitLane.class);

    private final BlockingQueue<PendingCommand<?, ?>> waiting = new LinkedBlockingQueue<>();
    private final CommandBus handlers;
    private final TransactionManager transactionManager;
    private final int maxGroup;
    private final DistributionSummary groupSizes;
    private final Counter rerunAlone;
    private final Thread thread;
    private volatile boolean accepting = true;

    CommitLane(String name, CommandBus handlers, TransactionManager transactionManager, int maxGroup,
               DistributionSummary groupSizes, Counter rerunAlone) {
        this.handlers = handlers;
        this.transactionManager = transactionManager;
        this.maxGroup = maxGroup;
        this.groupSizes = groupSizes;
        this.rerunAlone = rerunAlone;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @return false when the lane has stopped taking commands (the node is stopping) */
    boolean offer(PendingCommand<?, ?> command) {
        if (!accepting) {
            return false;
        }
        waiting.add(command);
        return true;
    }

    /** Takes no more commands, runs those already waiting, and ends its thread (waiting at most {@code millis}). */
    void stop(long millis) throws InterruptedException {
        accepting = false;
        thread.join(millis);
    }

    @Override
    public void run() {
        List<PendingCommand<?, ?>> group = new ArrayList<>(maxGroup);
        while (accepting || !waiting.isEmpty()) {
            try {
                PendingCommand<?, ?> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                runGroup(group);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                group.forEach(command -> command.fail(interrupted));
                return;
            } catch (RuntimeException | Error unexpected) {
                // Never reached by a command's own failure (that is its outcome); a lane must outlive anything else.
                log.error("Commit lane failed outside a command; the commands of its group are failed", unexpected);
                group.forEach(command -> command.fail(unexpected));
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Runs the group's commands in one unit of work and transaction, commits, then tells each sender its outcome. A refused command changes nothing: Axon rolls back its nested unit
     * of work and drops its aggregate from the unit of work and the cache, and the next command of the group that
     * loads that aggregate gets it from the store with the group's own uncommitted events (Axon's event store reads
     * the events staged in the current unit of work too).
     *
     * <p>If the group cannot commit, nothing of it is stored: each of its commands is then run alone, in a
     * transaction of its own, and its sender hears that outcome (a collision on a shared store, a lookup's unique
     * key hit by two commands of the group: each alone gets the answer it would have had without grouping).
     * Commands already answered ({@link PendingCommand#answered()}) are never answered again.
     */
    private void runGroup(List<PendingCommand<?, ?>> group) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(group.get(0).command());
        try {
            unitOfWork.attachTransaction(transactionManager);
            group.forEach(this::dispatchHolding);
            unitOfWork.commit();
        } catch (RuntimeException | Error groupFailed) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(groupFailed);
            }
            if (group.size() == 1) {
                group.get(0).fail(groupFailed);
                return;
            }
            log.debug("A group of {} commands could not commit ({}); each runs alone", group.size(),
                    groupFailed.toString());
            rerunAlone.increment(group.size());
            group.forEach(this::dispatchAlone);
            return;
        }
        groupSizes.record(group.size());
        group.forEach(PendingCommand::deliverHeld);
    }

    private <C, R> void dispatchHolding(PendingCommand<C, R> command) {
        handlers.dispatch(command.command(), (message, outcome) -> command.hold(outcome));
    }

    private <C, R> void dispatchAlone(PendingCommand<C, R> command) {
        handlers.dispatch(command.command(), (message, outcome) -> command.answer(outcome));
    }
}
