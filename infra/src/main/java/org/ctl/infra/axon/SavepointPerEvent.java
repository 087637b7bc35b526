package org.ctl.infra.axon;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes each event handler invocation of the named processing groups all or nothing: it runs within a savepoint
 * of the processor's transaction (a nested Spring transaction), rolled back when the handler fails.
 *
 * <p>Without it, a handler that fails after some of its writes (a balance debited, the credit refused) leaves
 * those writes in the batch's transaction while the dead-letter queue parks the event; the batch commits them,
 * and a later retry of the parked event would meet a half-applied event. On PostgreSQL a failed statement also
 * aborts the whole transaction unless it is rolled back to a savepoint, so that without one a single poison
 * event would fail its whole batch, again and again. With the savepoint, a parked event has left no trace in the
 * read model, and the batch goes on.
 */
public final class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final Set<String> processingGroups;
    private final Supplier<PlatformTransactionManager> transactionManager;
    private volatile TransactionTemplate nested;

    public SavepointPerEvent(Collection<String> processingGroups,
                             Supplier<PlatformTransactionManager> transactionManager) {
        this.processingGroups = Set.copyOf(processingGroups);
        this.transactionManager = transactionManager;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        String group = groupOf(original);
        if (group == null || !processingGroups.contains(group)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                return withinSavepoint(() -> super.handle(message, target));
            }
        };
    }

    private static String groupOf(MessageHandlingMember<?> member) {
        return Optional.ofNullable(
                        AnnotatedElementUtils.findMergedAnnotation(member.declaringClass(), ProcessingGroup.class))
                .map(ProcessingGroup::value)
                .orElse(null);
    }

    private Object withinSavepoint(HandlerCall call) throws Exception {
        Exception[] failure = {null};
        Object result = nested().execute(status -> {
            try {
                return call.proceed();
            } catch (Exception handlerFailure) {
                failure[0] = handlerFailure;
                status.setRollbackOnly();
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    private TransactionTemplate nested() {
        TransactionTemplate template = nested;
        if (template == null) {
            template = new TransactionTemplate(transactionManager.get());
            template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            nested = template;
        }
        return template;
    }

    @FunctionalInterface
    private interface HandlerCall {
        Object proceed() throws Exception;
    }
}
