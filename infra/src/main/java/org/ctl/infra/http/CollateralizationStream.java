package org.ctl.infra.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.shared.Page;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * {@code GET /api/collateralization/stream}: the live ratios as server-sent events, from an Axon subscription
 * query. First one {@code snapshot} event with every series (up to {@value Page#MAX_LIMIT}), then one
 * {@code update} event per series whenever its price, supply or status changes.
 */
@RestController
public class CollateralizationStream {

    /** A stream ends after this long; the browser's EventSource reconnects by itself. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queryGateway;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    public CollateralizationStream(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(path = "/api/collateralization/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        SubscriptionQueryResult<List<CollateralizationView>, CollateralizationView> subscription =
                queryGateway.subscriptionQuery(new FindCollateralization(new Page(0, Page.MAX_LIMIT)),
                        ResponseTypes.multipleInstancesOf(CollateralizationView.class),
                        ResponseTypes.instanceOf(CollateralizationView.class));
        Disposable forwarding = subscription.initialResult()
                .doOnNext(all -> send(emitter, "snapshot", all.stream().map(CollateralizationEntry::of).toList()))
                .thenMany(subscription.updates())
                .subscribe(view -> send(emitter, "update", CollateralizationEntry.of(view)),
                        emitter::completeWithError, emitter::complete);
        open.add(emitter);
        Runnable close = () -> {
            open.remove(emitter);
            forwarding.dispose();
            subscription.cancel();
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(failure -> close.run());
        return emitter;
    }

    /**
     * Ends every open stream when the application stops: a graceful shutdown otherwise waits its whole timeout for
     * these never-ending requests. The browsers reconnect (to another node, or to this one once it is back).
     */
    @EventListener(ContextClosedEvent.class)
    void endOpenStreams() {
        open.forEach(SseEmitter::complete);
    }

    private static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException clientGone) {
            // The browser closed the stream (a dashboard page left): nothing to answer, and nothing to log as an
            // error; completing ends the subscription.
            emitter.complete();
        }
    }
}
