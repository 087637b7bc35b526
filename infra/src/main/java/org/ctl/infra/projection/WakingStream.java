package org.ctl.infra.projection;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

/** An event store stream with an availability callback, called by {@link CommitWakingEventSource}. */
final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

    /** How long the first look after a commit waits for the store's reader thread to fetch the new events. */
    private static final int FETCH_WAIT_MILLIS = 50;

    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private final Consumer<WakingStream> onClose;
    private final ScheduledExecutorService scheduler;
    private final long minimumNanosBetweenWakes;
    private final AtomicBoolean commitSeen = new AtomicBoolean();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private volatile long lastWake = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile Runnable callback;

    WakingStream(BlockingStream<TrackedEventMessage<?>> delegate, Consumer<WakingStream> onClose,
                 ScheduledExecutorService scheduler, long minimumMillisBetweenWakes) {
        this.delegate = delegate;
        this.onClose = onClose;
        this.scheduler = scheduler;
        this.minimumNanosBetweenWakes = TimeUnit.MILLISECONDS.toNanos(minimumMillisBetweenWakes);
    }

    /**
     * Events were committed on this node: the reader is woken now, or, if it was woken less than the minimum
     * interval ago, once that interval has passed (so that under load it reads many commits at a time); its next
     * look waits briefly for the events.
     */
    void committed() {
        commitSeen.set(true);
        if (!wakeScheduled.compareAndSet(false, true)) {
            return;
        }
        long wait = lastWake + minimumNanosBetweenWakes - System.nanoTime();
        if (wait <= 0) {
            wake();
        } else {
            try {
                scheduler.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeScheduled.set(false);
            }
        }
    }

    private void wake() {
        lastWake = System.nanoTime();
        wakeScheduled.set(false);
        look();
    }

    /** Asks the reader to look (events may have come from another node). */
    void look() {
        Runnable wake = callback;
        if (wake != null) {
            wake.run();
        }
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        this.callback = callback;
        return true;
    }

    @Override
    public boolean hasNextAvailable() {
        try {
            return commitSeen.getAndSet(false)
                    ? delegate.hasNextAvailable(FETCH_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    : delegate.hasNextAvailable(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        return delegate.hasNextAvailable(timeout, unit);
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return delegate.peek();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        return delegate.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public void close() {
        onClose.accept(this);
        delegate.close();
    }
}
