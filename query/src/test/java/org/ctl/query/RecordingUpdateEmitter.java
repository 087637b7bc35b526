package org.ctl.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryBackpressure;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.ctl.domain.issuance.FindAllSeries;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.shared.Page;

/**
 * A {@link QueryUpdateEmitter} that records what a subscriber of {@link FindCollateralization} would receive:
 * each emit's filter is tested against such a subscription (and against one of another query, which must not
 * match), as Axon's own emitter does.
 */
public final class RecordingUpdateEmitter implements QueryUpdateEmitter {

    private static final SubscriptionQueryMessage<FindCollateralization, ?, CollateralizationView> COLLATERALIZATION =
            new GenericSubscriptionQueryMessage<>(new FindCollateralization(Page.FIRST),
                    ResponseTypes.multipleInstancesOf(CollateralizationView.class),
                    ResponseTypes.instanceOf(CollateralizationView.class));
    private static final SubscriptionQueryMessage<FindAllSeries, ?, Object> OTHER_QUERY =
            new GenericSubscriptionQueryMessage<>(new FindAllSeries(Page.FIRST),
                    ResponseTypes.multipleInstancesOf(Object.class), ResponseTypes.instanceOf(Object.class));

    private final List<Object> received = new ArrayList<>();
    private final List<Object> sentToOtherQueries = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <U> void emit(Predicate<SubscriptionQueryMessage<?, ?, U>> filter,
                         SubscriptionQueryUpdateMessage<U> update) {
        phases.add(CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().phase().name() : "NO_UNIT_OF_WORK");
        if (filter.test((SubscriptionQueryMessage) COLLATERALIZATION)) {
            received.add(update.getPayload());
        }
        if (filter.test((SubscriptionQueryMessage) OTHER_QUERY)) {
            sentToOtherQueries.add(update.getPayload());
        }
    }

    /** The updates a subscriber of {@link FindCollateralization} received, oldest first. */
    public List<Object> received() {
        return List.copyOf(received);
    }

    /** Updates whose filter would also have reached subscribers of other queries: should be none. */
    public List<Object> sentToOtherQueries() {
        return List.copyOf(sentToOtherQueries);
    }

    /** The phase of the unit of work each emit was made in ({@code NO_UNIT_OF_WORK} without one), oldest first. */
    public List<String> phases() {
        return List.copyOf(phases);
    }

    public void clear() {
        phases.clear();
        received.clear();
        sentToOtherQueries.clear();
    }

    @Override
    public void complete(Predicate<SubscriptionQueryMessage<?, ?, ?>> filter) {
        throw new AssertionError("the projections must not call this: " + "the projections never complete a subscription");
    }

    @Override
    public void completeExceptionally(Predicate<SubscriptionQueryMessage<?, ?, ?>> filter, Throwable cause) {
        throw new AssertionError("the projections must not call this: " + "the projections never fail a subscription");
    }

    @Override
    public boolean queryUpdateHandlerRegistered(SubscriptionQueryMessage<?, ?, ?> query) {
        return true;
    }

    @Override
    public <U> UpdateHandlerRegistration<U> registerUpdateHandler(SubscriptionQueryMessage<?, ?, ?> query,
                                                                  SubscriptionQueryBackpressure backpressure,
                                                                  int updateBufferSize) {
        throw new AssertionError("the projections must not call this: " + "not a query bus");
    }

    @Override
    public <U> UpdateHandlerRegistration<U> registerUpdateHandler(SubscriptionQueryMessage<?, ?, ?> query,
                                                                  int updateBufferSize) {
        throw new AssertionError("the projections must not call this: " + "not a query bus");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super SubscriptionQueryUpdateMessage<?>> interceptor) {
        throw new AssertionError("the projections must not call this: " + "not a query bus");
    }
}
