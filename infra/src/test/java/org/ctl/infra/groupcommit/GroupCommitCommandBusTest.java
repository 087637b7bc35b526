package org.ctl.infra.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group-commit bus on a small account aggregate, with Axon's own repository, cache and event store, and a
 * transaction manager that counts transactions and can hold a commit: commands that wait together are committed
 * together, nobody hears an outcome before the commit, a refusal does not let a later command see stale state, a
 * group that cannot commit is run again command by command, and a command sent inside a unit of work stays in it.
 */
class GroupCommitCommandBusTest {

    record Deposit(@TargetAggregateIdentifier String account, long amount) {
    }

    record Withdraw(@TargetAggregateIdentifier String account, long amount) {
    }

    record WhoSent(@TargetAggregateIdentifier String account) {
    }

    record Deposited(String account, long amount) {
    }

    record Withdrawn(String account, long amount) {
    }

    static class Account {
        @AggregateIdentifier
        private String id;
        private long balance;

        Account() {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        long handle(Deposit command) {
            apply(new Deposited(command.account(), command.amount()));
            return balance;
        }

        @CommandHandler
        long handle(Withdraw command) {
            if (balance < command.amount()) {
                throw new IllegalStateException("insufficient: " + balance + " < " + command.amount());
            }
            apply(new Withdrawn(command.account(), command.amount()));
            return balance;
        }

        @CommandHandler
        String handle(WhoSent command, @MetaDataValue("sentFrom") String sentFrom) {
            return sentFrom;
        }

        @EventSourcingHandler
        void on(Deposited event) {
            id = event.account();
            balance += event.amount();
        }

        @EventSourcingHandler
        void on(Withdrawn event) {
            balance -= event.amount();
        }
    }

    /**
     * Counts transactions (one begun while another is open on the thread joins it, as Spring's do) and can hold the
     * next commit until released.
     */
    static final class Transactions implements TransactionManager {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();
        volatile CountDownLatch holdNextCommit;
        final CountDownLatch commitHeld = new CountDownLatch(1);
        private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

        @Override
        public Transaction startTransaction() {
            if (open.get()) {
                return new Transaction() {
                    @Override
                    public void commit() {
                    }

                    @Override
                    public void rollback() {
                    }
                };
            }
            open.set(true);
            return new Transaction() {
                @Override
                public void commit() {
                    open.set(false);
                    CountDownLatch hold = holdNextCommit;
                    if (hold != null) {
                        holdNextCommit = null;
                        commitHeld.countDown();
                        try {
                            hold.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    committed.incrementAndGet();
                }

                @Override
                public void rollback() {
                    open.set(false);
                    rolledBack.incrementAndGet();
                }
            };
        }
    }

    /** An in-memory storage engine whose next append of more than one event fails (a group that cannot commit). */
    static final class FailingStorage extends InMemoryEventStorageEngine {
        final AtomicBoolean failNextGroupAppend = new AtomicBoolean();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (events.size() > 1 && failNextGroupAppend.getAndSet(false)) {
                throw new IllegalStateException("the store refused the group's append");
            }
            super.appendEvents(events);
        }
    }

    private final Transactions transactions = new Transactions();
    private final FailingStorage storage = new FailingStorage();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedEventStore eventStore;
    private GroupCommitCommandBus bus;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        SimpleCommandBus handlers = SimpleCommandBus.builder().transactionManager(transactions).build();
        EventSourcingRepository<Account> repository = EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore).cache(new WeakReferenceCache()).build();
        AggregateAnnotationCommandHandler.<Account>builder().aggregateType(Account.class).repository(repository)
                .build().subscribe(handlers);
        bus = new GroupCommitCommandBus(handlers, transactions, new GroupCommitProperties(true, 2, 256), meters);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        bus.close();
        eventStore.shutDown();
    }

    @Test
    void commandsThatWaitTogetherAreCommittedInOneTransactionAndHeardOnlyAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        transactions.holdNextCommit = release;
        CompletableFuture<Object> first = send(new Deposit("a", 100));
        assertThat(transactions.commitHeld.await(5, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(send(new Withdraw("a", 1)));
        }
        Thread.sleep(100);
        assertThat(first).as("the first command's transaction has not committed yet").isNotDone();
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(100L);
        List<Object> balances = new ArrayList<>();
        for (CompletableFuture<Object> withdrawal : waiting) {
            balances.add(withdrawal.get(5, TimeUnit.SECONDS));
        }
        assertThat(balances).containsExactly(99L, 98L, 97L, 96L, 95L, 94L, 93L, 92L, 91L, 90L, 89L, 88L, 87L, 86L,
                85L, 84L, 83L, 82L, 81L, 80L);
        assertThat(transactions.committed).hasValue(2);
        assertThat(sequencesOf("a")).containsExactlyElementsOf(range(21));
        assertThat(meters.get(GroupCommitCommandBus.GROUP_SIZE_METER).summary().max()).isEqualTo(20);
    }

    @Test
    void aRefusedCommandChangesNothingAndLaterCommandsOfItsGroupSeeTheGroupsEarlierEvents() throws Exception {
        send(new Deposit("a", 10)).get(5, TimeUnit.SECONDS);
        CountDownLatch release = new CountDownLatch(1);
        transactions.holdNextCommit = release;
        CompletableFuture<Object> holding = send(new Deposit("b", 1));
        assertThat(transactions.commitHeld.await(5, TimeUnit.SECONDS)).isTrue();

        // These wait in b's lane while its first transaction is held, and then form one group.
        List<CompletableFuture<Object>> outcomes = List.of(
                send(new Withdraw("b", 1)),      // accepted: b has 1
                send(new Deposit("b", 3)),       // accepted: 3
                send(new Withdraw("b", 4)),      // refused: 3 < 4 (its aggregate is dropped from cache and unit of work)
                send(new Withdraw("b", 3)),      // accepted only if it sees the deposit of 3
                send(new Withdraw("b", 1)));     // refused: 0 < 1
        release.countDown();
        holding.get(5, TimeUnit.SECONDS);

        assertThat(outcomes.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(0L);
        assertThat(outcomes.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(3L);
        assertThatThrownBy(() -> outcomes.get(2).get(5, TimeUnit.SECONDS)).hasMessageContaining("insufficient: 3 < 4");
        assertThat(outcomes.get(3).get(5, TimeUnit.SECONDS)).isEqualTo(0L);
        assertThatThrownBy(() -> outcomes.get(4).get(5, TimeUnit.SECONDS)).hasMessageContaining("insufficient: 0 < 1");
        assertThat(sequencesOf("b")).containsExactlyElementsOf(range(4));
        assertThat(payloadsOf("b")).containsExactly(new Deposited("b", 1), new Withdrawn("b", 1),
                new Deposited("b", 3), new Withdrawn("b", 3));
    }

    @Test
    void aGroupThatCannotCommitIsRunAgainCommandByCommandAndNothingOfItIsStoredTwice() throws Exception {
        send(new Deposit("a", 10)).get(5, TimeUnit.SECONDS);
        CountDownLatch release = new CountDownLatch(1);
        transactions.holdNextCommit = release;
        CompletableFuture<Object> holding = send(new Deposit("a", 1));
        assertThat(transactions.commitHeld.await(5, TimeUnit.SECONDS)).isTrue();
        storage.failNextGroupAppend.set(true);
        List<CompletableFuture<Object>> group = List.of(send(new Withdraw("a", 2)), send(new Withdraw("a", 3)),
                send(new Deposit("a", 4)));
        release.countDown();
        holding.get(5, TimeUnit.SECONDS);

        assertThat(group.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(9L);
        assertThat(group.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(6L);
        assertThat(group.get(2).get(5, TimeUnit.SECONDS)).isEqualTo(10L);
        assertThat(storage.failNextGroupAppend).isFalse();
        assertThat(sequencesOf("a")).containsExactlyElementsOf(range(5));
        assertThat(meters.get(GroupCommitCommandBus.RERUN_METER).counter().count()).isEqualTo(3);
    }

    @Test
    void aSenderWhoseCallbackThrowsDoesNotKeepTheOthersOfItsGroupFromTheirAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        transactions.holdNextCommit = release;
        CompletableFuture<Object> holding = send(new Deposit("a", 10));
        assertThat(transactions.commitHeld.await(5, TimeUnit.SECONDS)).isTrue();
        bus.dispatch(GenericCommandMessage.asCommandMessage(new Withdraw("a", 1)), (message, result) -> {
            throw new IllegalStateException("a sender's callback that fails");
        });
        CompletableFuture<Object> after = send(new Withdraw("a", 2));
        release.countDown();
        holding.get(5, TimeUnit.SECONDS);

        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(7L);
        assertThat(sequencesOf("a")).containsExactlyElementsOf(range(3));
    }

    @Test
    void dispatchInterceptorsRunInTheSendersThread() throws Exception {
        MessageDispatchInterceptor<CommandMessage<?>> stampThread = messages -> (index, message) ->
                message.andMetaData(Map.of("sentFrom", Thread.currentThread().getName()));
        bus.registerDispatchInterceptor(stampThread);
        send(new Deposit("a", 1)).get(5, TimeUnit.SECONDS);

        assertThat(send(new WhoSent("a")).get(5, TimeUnit.SECONDS)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aCommandSentInsideAUnitOfWorkIsHandledAtOnceWithinIt() throws Exception {
        send(new Deposit("a", 5)).get(5, TimeUnit.SECONDS);
        int before = transactions.committed.get();
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        CompletableFuture<Object> inner = send(new Withdraw("a", 2));
        assertThat(inner).as("handled in the sender's thread, before dispatch returned").isDone();
        assertThat(inner.get()).isEqualTo(3L);
        outer.commit();
        assertThat(transactions.committed.get() - before).as("the outer unit of work has no transaction; the inner "
                + "command's own transaction joined nothing").isEqualTo(1);
        assertThat(sequencesOf("a")).containsExactlyElementsOf(range(2));
    }

    @Test
    void concurrentSendersOnSeveralAccountsNeverOverdrawAndEveryAcceptedChangeIsStoredOnce() throws Exception {
        List<String> accounts = List.of("a", "b", "c");
        for (String account : accounts) {
            send(new Deposit(account, 50)).get(5, TimeUnit.SECONDS);
        }
        AtomicLong accepted = new AtomicLong();
        Map<String, AtomicLong> expected = accounts.stream().collect(Collectors.toMap(a -> a, a -> new AtomicLong(50)));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int seed = thread;
            done.add(senders.submit(() -> {
                java.util.Random random = new java.util.Random(seed);
                for (int i = 0; i < 150; i++) {
                    String account = accounts.get(random.nextInt(accounts.size()));
                    long amount = 1 + random.nextInt(9);
                    boolean deposit = random.nextInt(3) == 0;
                    try {
                        send(deposit ? new Deposit(account, amount) : new Withdraw(account, amount))
                                .get(10, TimeUnit.SECONDS);
                        expected.get(account).addAndGet(deposit ? amount : -amount);
                        accepted.incrementAndGet();
                    } catch (ExecutionException refused) {
                        assertThat(refused.getCause()).hasMessageContaining("insufficient");
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> sender : done) {
            sender.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();

        for (String account : accounts) {
            long balance = 0;
            for (Object event : payloadsOf(account)) {
                balance += event instanceof Deposited deposited ? deposited.amount() : -((Withdrawn) event).amount();
                assertThat(balance).as("balance of %s never negative", account).isNotNegative();
            }
            assertThat(balance).isEqualTo(expected.get(account).get());
            assertThat(sequencesOf(account)).containsExactlyElementsOf(range(payloadsOf(account).size()));
        }
        long events = accounts.stream().mapToLong(account -> payloadsOf(account).size()).sum();
        assertThat(events).isEqualTo(accepted.get() + accounts.size());
    }

    private CompletableFuture<Object> send(Object command) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> {
            if (result.isExceptional()) {
                outcome.completeExceptionally(result.exceptionResult());
            } else {
                outcome.complete(result.getPayload());
            }
        });
        return outcome;
    }

    private List<Long> sequencesOf(String account) {
        return eventStore.readEvents(account).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private List<Object> payloadsOf(String account) {
        return eventStore.readEvents(account).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static List<Long> range(int count) {
        List<Long> sequences = new ArrayList<>();
        for (long sequence = 0; sequence < count; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }
}
