package org.ctl.infra.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.command.series.ReferenceLedger.Expected;
import org.ctl.command.series.ReferenceLedger;
import org.ctl.command.series.SeriesBalances;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.support.RunningLedger;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The state of one try of {@link LedgerStateMachineProperties}: the one running ledger (shared by every try)
 * and, for this try alone, a fresh set of series, collateral ids, collateral and compute units (so price feeds
 * too), all named with the try's prefix, and the reference model of them. {@link #send} sends one command
 * through the application's command gateway and compares its outcome with the model's;
 * {@link #checkInvariants} reads the try's series back from the event store and folds them. Commands are
 * built from {@link Step}s, which hold no world, so that jqwik may replay and shrink them on fresh worlds.
 */
final class LedgerWorld {

    /** The registered participants of the ledger under test: oracle2 is issuer and oracle both. */
    static final Set<String> ISSUERS = Set.of("issuer", "oracle2");
    static final Set<String> ORACLES = Set.of("oracle", "oracle2");
    /** How the ledger is started: the demo's participants, plus oracle2. */
    static final String[] LEDGER_PROPERTIES = {
            "ctl.participants.issuers=issuer,oracle2",
            "ctl.participants.oracles=oracle,oracle2",
            // Axon logs every command to a series never issued with a stack trace; the property sends thousands.
            "logging.level.org.axonframework.modelling.command.AbstractRepository=ERROR"};
    /** The ledger's default policy (ctl.issuance.default-policy), for issuances that name none. */
    static final GovernancePolicy DEFAULT_POLICY = GovernancePolicy.HYBRID;

    /** The holders units mostly move between. */
    static final List<String> HOLDERS = List.of("issuer", "alice", "bob", "carol");
    /** Holders that hold nothing to begin with and hold no ledger role: an oracle, an unknown name. */
    static final List<String> OUTSIDERS = List.of("oracle", "mallory");
    /** Stands for "no principal" in generators, which do not take {@code null}. */
    static final String NO_ONE = "-";
    /** Anyone who may try to send a command: participants, holders, a signed-in auditor, an unknown name, no one. */
    static final List<String> ACTORS =
            List.of("issuer", "alice", "bob", "carol", "oracle", "oracle2", "auditor", "mallory", NO_ONE);

    /** The policy a well-behaved issuer gives series 0, 1 and 2. */
    static final List<GovernancePolicy> POLICIES =
            List.of(GovernancePolicy.HARD_STOP, GovernancePolicy.GRACEFUL_EXIT, GovernancePolicy.HYBRID);
    static final int SERIES = POLICIES.size();
    /** The index of a series id that no command ever issues. */
    static final int GHOST = 9;
    /** Rights per issuance; the last is as large as a series can be, where only exact arithmetic survives. */
    static final List<Long> RIGHTS = List.of(40L, 100L, Long.MAX_VALUE);
    static final Units QUBITS = Units.of(8);
    static final Money QUBIT_PRICE = Money.of("0.20");
    /** Burn and flag reasons: the first two are the same text once trimmed. */
    static final List<String> BURN_REASONS = List.of("redeemed", " redeemed ", "voluntary");
    static final List<String> FLAG_REASONS = List.of("collateral missing", "  collateral missing", "audit failed");
    /** Prices: the first two are the same amount. */
    static final List<String> PRICES = List.of("0.20", "0.2", "0.35", "1.5");

    private static final AtomicInteger TRIES = new AtomicInteger();
    /** Every step of every try (shrinking included), for the report. */
    static final AtomicLong STEPS = new AtomicLong();

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final String prefix;
    private final ReferenceLedger model = new ReferenceLedger(ISSUERS, ORACLES, DEFAULT_POLICY);
    private final List<Step> history = new ArrayList<>();
    private final List<Step> acceptedHistory = new ArrayList<>();
    /** The sequence each accepted command's answer named: its repeats must name it again. */
    private final java.util.Map<Object, Integer> firstAnswers = new java.util.HashMap<>();
    private int steps;

    LedgerWorld(RunningLedger ledger) {
        this.gateway = ledger.bean(CommandGateway.class);
        this.eventStore = ledger.bean(EventStore.class);
        this.prefix = "try" + TRIES.incrementAndGet() + "-";
    }

    // --- the try's names ---

    /** Series 0 to 2 of this try, or with {@link #GHOST} the one no command ever issues. */
    String series(int index) {
        return prefix + "s" + index;
    }

    /** The index of a series of this try. */
    int indexOf(String seriesId) {
        return Integer.parseInt(seriesId.substring(prefix.length() + 1));
    }

    List<String> allSeries() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            all.add(series(i));
        }
        all.add(series(GHOST));
        return all;
    }

    String collateralId(int index) {
        return prefix + "col" + index;
    }

    PriceFeedId collateralFeed() {
        return new PriceFeedId(PriceKind.COLLATERAL, prefix + "QUBIT");
    }

    PriceFeedId computeFeed() {
        return new PriceFeedId(PriceKind.COMPUTE, prefix + "GPU-HOUR");
    }

    /** Feed 0: the price of the try's collateral unit; feed 1: of its compute unit. */
    PriceFeedId feed(int index) {
        return index == 0 ? collateralFeed() : computeFeed();
    }

    private String shortName(String id) {
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    ReferenceLedger model() {
        return model;
    }

    List<Step> history() {
        return history;
    }

    /** The commands of this try that the ledger accepted (appending events). */
    List<Step> acceptedHistory() {
        return acceptedHistory;
    }

    int steps() {
        return steps;
    }

    @Override
    public String toString() {
        return prefix + " after " + steps + " steps";
    }

    // --- commands, as a caller builds them ---

    Sent issue(int series, String actor, long rights, int collateral, GovernancePolicy policy) {
        IssueToken command = new IssueToken(TokenId.of(series(series)), computeFeed().unit(), Units.of(rights),
                Money.of("1.00"), new Collateral(collateralId(collateral), collateralFeed().unit(), QUBITS,
                QUBIT_PRICE), policy);
        return sent(command, actor, series(series), "issue s" + series + " (" + rights + " rights, col" + collateral
                + ", " + (policy == null ? "default policy" : policy) + ")");
    }

    Sent verify(int index, String actor) {
        String series = series(index);
        return sent(new VerifyIssuance(TokenId.of(series)), actor, series, "verify " + shortName(series));
    }

    Sent transfer(int index, String id, String from, String to, long amount, String actor) {
        String series = series(index);
        TransferUnits command = new TransferUnits(TokenId.of(series), CommandId.of(id), HolderId.of(from),
                HolderId.of(to), Units.of(amount));
        return sent(command, actor, series, "transfer " + id + " of " + shortName(series) + ": " + amount + " "
                + from + " -> " + to);
    }

    Sent pledge(int index, String id, String pledger, String pledgee, long amount, String actor) {
        String series = series(index);
        PledgeUnits command = new PledgeUnits(TokenId.of(series), CommandId.of(id), HolderId.of(pledger),
                HolderId.of(pledgee), Units.of(amount));
        return sent(command, actor, series, "pledge " + id + " of " + shortName(series) + ": " + amount + " "
                + pledger + " -> " + pledgee);
    }

    Sent release(int index, String pledgeId, String actor) {
        String series = series(index);
        return sent(new ReleasePledge(TokenId.of(series), CommandId.of(pledgeId)), actor, series,
                "release " + pledgeId + " of " + shortName(series));
    }

    Sent seize(int index, String pledgeId, String actor) {
        String series = series(index);
        return sent(new SeizePledge(TokenId.of(series), CommandId.of(pledgeId)), actor, series,
                "seize " + pledgeId + " of " + shortName(series));
    }

    Sent burn(int index, String id, String holder, long amount, String reason, String actor) {
        String series = series(index);
        BurnUnits command = new BurnUnits(TokenId.of(series), CommandId.of(id), HolderId.of(holder),
                Units.of(amount), reason);
        return sent(command, actor, series, "burn " + id + " of " + shortName(series) + ": " + amount + " of "
                + holder + " ('" + reason + "')");
    }

    Sent flag(int index, String id, Verdict verdict, String reason, String actor) {
        String series = series(index);
        return sent(new FlagByOracle(TokenId.of(series), CommandId.of(id), verdict, reason), actor, series,
                "flag " + id + " " + shortName(series) + " " + verdict + " ('" + reason + "')");
    }

    Sent publish(int feedIndex, String id, String price, String actor) {
        PriceFeedId feed = feed(feedIndex);
        PublishPrice command = new PublishPrice(CommandId.of(id), feed, Money.of(price));
        return sent(command, actor, command.feedAggregateId(), "price " + id + " " + feed.kind() + " " + price);
    }

    private static Sent sent(Object command, String actor, String stream, String text) {
        return new Sent(command, NO_ONE.equals(actor) ? null : actor, stream, text);
    }

    // --- one step ---

    /**
     * Sends the command of {@code step} through the command gateway as its principal and checks the outcome
     * against the model: accepted (with the receipt and the events the model expects, each carrying the
     * principal), a repeat (nothing appended), or refused with a rule the model names (nothing appended).
     */
    void send(Step step) {
        Sent sent = step.build().apply(this);
        steps++;
        STEPS.incrementAndGet();
        history.add(step);
        String where = prefix + " step " + steps + " (" + sent + ")";
        int before = model.streamSize(sent.stream());
        Expected expected = model.handle(sent.command(), sent.principal(), sent.stream());

        Object answer = null;
        RuleCode refusal = null;
        try {
            answer = dispatch(sent);
        } catch (RuleViolation refused) {
            refusal = refused.code();
        } catch (RuntimeException failed) {
            throw new AssertionError(where + ": the ledger failed instead of accepting or refusing", failed);
        }
        List<DomainEventMessage<?>> appended = read(sent.stream(), before);

        if (expected instanceof Expected.Refused refused) {
            check(refusal != null && refused.codes().contains(refusal), where,
                    "must be refused with one of " + refused.codes() + ", was " + outcome(answer, refusal));
            check(appended.isEmpty(), where, "a refused command appended " + payloads(appended));
        } else if (expected instanceof Expected.Repeat) {
            check(refusal == null, where, "a repeat (same id, same content) must not be refused, was " + refusal);
            // A repeat answers as the first did (a pledge closed by a wind-up: with the wind-up, the series' end).
            long firstAnswer = sent.command() instanceof IssueToken ? 0
                    : firstAnswers.getOrDefault(sent.command(), before - 1);
            checkReceipt(where, answer, sent.stream(), firstAnswer, true);
            check(appended.isEmpty(), where, "a repeat appended " + payloads(appended));
        } else if (expected instanceof Expected.Accepted accepted) {
            check(refusal == null, where, "must be accepted, was refused with " + refusal);
            checkReceipt(where, answer, sent.stream(), before + accepted.events() - 1, false);
            firstAnswers.put(sent.command(), before + accepted.events() - 1);
            check(appended.size() == accepted.events(), where, "must append " + accepted.events()
                    + " events, appended " + payloads(appended));
            for (DomainEventMessage<?> event : appended) {
                check(sent.principal().equals(event.getMetaData().get(ActingPrincipal.METADATA_KEY)), where,
                        "event " + event.getPayload() + " carries principal "
                                + event.getMetaData().get(ActingPrincipal.METADATA_KEY));
            }
        }
        if (expected instanceof Expected.Accepted) {
            acceptedHistory.add(step);
        }
        String command = sent.command().getClass().getSimpleName();
        Statistics.label("outcome").collect(command, label(expected, refusal));
    }

    private Object dispatch(Sent sent) {
        if (sent.principal() == null) {
            SecurityContextHolder.clearContext();
            return gateway.sendAndWait(sent.command());
        }
        return ActingAs.run(sent.principal(), () -> gateway.sendAndWait(sent.command()));
    }

    private static void checkReceipt(String where, Object answer, String stream, long sequence, boolean repeated) {
        check(answer instanceof CommandReceipt, where, "answered " + answer + " instead of a receipt");
        CommandReceipt receipt = (CommandReceipt) answer;
        check(receipt.equals(new CommandReceipt(stream, sequence, repeated)), where,
                "answered " + receipt + ", not " + new CommandReceipt(stream, sequence, repeated));
    }

    private static String label(Expected expected, RuleCode refusal) {
        if (refusal != null) {
            return refusal.name();
        }
        if (expected instanceof Expected.Accepted accepted) {
            return accepted.events() > 1 ? "accepted, wound up" : "accepted";
        }
        return "repeat";
    }

    private static String outcome(Object answer, RuleCode refusal) {
        return refusal != null ? "refused with " + refusal : "answered " + answer;
    }

    // --- after every step ---

    /**
     * Reads every series this try issued back from the event store, from its first event: each holds exactly the
     * events the model counts; each series' events fold into conserved balances (checked after every event)
     * equal to the model's.
     */
    void checkInvariants() {
        Map<String, SeriesBalances> folded = new TreeMap<>();
        StoredFold.WindUpValuation valuation = new StoredFold.WindUpValuation() {
            @Override
            public Money price(String seriesId) {
                return model.windUpPrice(seriesId);
            }

            @Override
            public Money value(String seriesId) {
                return model.windUpValue(seriesId);
            }
        };
        for (String series : allSeries()) {
            if (!model.isIssued(series)) {
                // Never issued: each step that went to it found nothing appended; checkOtherStreams reads it again.
                continue;
            }
            List<DomainEventMessage<?>> events = read(series, 0);
            check(events.size() == model.streamSize(series), this + ", series " + series,
                    "holds " + events.size() + " events, the model counts " + model.streamSize(series));
            folded.put(series, StoredFold.fold(series, events, valuation));
        }
        Map<String, SeriesBalances> expected = model.balances();
        check(folded.equals(expected), this, "balances folded from the event store " + folded
                + " differ from the model's " + expected);
    }

    /**
     * At the end of a try, reads back the streams the invariant does not read after every step: the series never
     * issued must be empty, the price feeds must hold exactly the prices the model accepted (each step already
     * checked that its own command appended what the model expects, and nothing when refused).
     */
    void checkOtherStreams() {
        List<String> streams = new ArrayList<>();
        for (String series : allSeries()) {
            if (!model.isIssued(series)) {
                streams.add(series);
            }
        }
        streams.add(collateralFeed().toString());
        streams.add(computeFeed().toString());
        for (String stream : streams) {
            int stored = read(stream, 0).size();
            check(stored == model.streamSize(stream), this + ", stream " + stream,
                    "holds " + stored + " events, the model counts " + model.streamSize(stream));
        }
    }

    private List<DomainEventMessage<?>> read(String stream, long from) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(stream, from).forEachRemaining(events::add);
        return events;
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> events) {
        return events.stream().map(event -> (Object) event.getPayload()).toList();
    }

    private static void check(boolean condition, Object where, String broken) {
        if (!condition) {
            throw new AssertionError(where + ": " + broken);
        }
    }

    /** Whether series {@code index} still needs a well-behaved issuance or verification. */
    boolean needsOpening(int index) {
        SeriesStatus status = model.status(series(index));
        return status == null || status == SeriesStatus.PENDING_VERIFICATION;
    }
}
