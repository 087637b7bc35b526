package org.ctl.command.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.ctl.command.pricing.PriceFeed;
import org.ctl.command.series.LedgerScenario.SentCommand;
import org.ctl.command.series.ReferenceLedger.Expected;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;

/**
 * Random sequences of every command, valid and invalid, sent through a real Axon command bus to an in-memory
 * event store, each step compared with {@link ReferenceLedger}, and after each step the whole event store folded
 * by {@link EventFold} and checked for conservation (DESIGN.md, "Invariants the aggregates enforce").
 */
class ConservationProperties {

    private static final int MIN_STEPS = 30;
    private static final int MAX_STEPS = 80;
    private static final int MAX_OPENING = 6;

    /**
     * 200 scenarios of 30 to 80 steps. A failing scenario is shrunk fully (one Axon configuration per attempt
     * makes the default 10-second bound stop at a dozen steps; full shrinking reaches the few that matter). The
     * outcome statistics (command and outcome per step) are collected so that the coverage check below can say
     * the generators reach the rules that matter; set the report mode to STANDARD to see them.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.FULL)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyStepAgreesWithTheModelAndConservesUnits(@ForAll("scenarios") List<LedgerAction> actions) {
        ReferenceLedger model = new ReferenceLedger(LedgerScenario.ISSUERS, LedgerScenario.ORACLES, GovernancePolicy.HYBRID);
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        Configuration axon = ledgerOn(storage, model);
        try {
            play(actions, model, axon, storage);
        } finally {
            axon.shutdown();
        }
        Statistics.label("outcome").coverage(coverage -> {
            for (String outcome : List.of("accepted", "accepted, wound up", "repeat",
                    RuleCode.INSUFFICIENT_AVAILABLE_BALANCE.name(), RuleCode.NOT_HOLDER.name(),
                    RuleCode.TOKEN_NOT_ACTIVE.name(), RuleCode.ID_REUSED_WITH_OTHER_CONTENT.name(),
                    RuleCode.UNKNOWN_TOKEN.name())) {
                coverage.checkQuery(values -> values.get(1).equals(outcome)).count(count -> count > 0);
            }
        });
    }

    private static void play(List<LedgerAction> actions, ReferenceLedger model, Configuration axon,
                             InMemoryEventStorageEngine storage) {
        List<SentCommand> history = new ArrayList<>();
        int eventsBefore = 0;
        for (int step = 0; step < actions.size(); step++) {
            SentCommand sent = LedgerScenario.toCommand(actions.get(step), model, history);
            if (sent == null) {
                continue;
            }
            history.add(sent);
            String where = "step " + step + " " + actions.get(step) + ": " + sent;

            RuleCode refusal = send(axon, sent, where);
            Expected expected = model.handle(sent.command(), sent.principal(), sent.stream());
            List<? extends EventMessage<?>> events = storage.readEvents(null, false).toList();
            List<? extends EventMessage<?>> appended = events.subList(eventsBefore, events.size());

            checkOutcome(where, expected, refusal, appended.size());
            checkWindUps(where, appended, model);
            Map<String, SeriesBalances> folded;
            try {
                folded = EventFold.fold(events);
            } catch (AssertionError broken) {
                throw new AssertionError(where + ": " + broken.getMessage(), broken);
            }
            assertThat(folded).as("%s: balances folded from the event store vs the model", where)
                    .isEqualTo(model.balances());
            eventsBefore = events.size();
            Statistics.label("outcome").collect(sent.command().getClass().getSimpleName(), label(expected, refusal));
        }
    }

    /** Sends as a caller does; returns the rule that refused the command, or {@code null} when none did. */
    private static RuleCode send(Configuration axon, SentCommand sent, String where) {
        try {
            axon.commandGateway().sendAndWait(
                    GenericCommandMessage.asCommandMessage(sent.command()).andMetaData(sent.metaData()));
            return null;
        } catch (RuleViolation refused) {
            return refused.code();
        } catch (RuntimeException failed) {
            throw new AssertionError(where + ": the ledger failed instead of accepting or refusing", failed);
        }
    }

    private static void checkOutcome(String where, Expected expected, RuleCode refusal, int appended) {
        if (expected instanceof Expected.Refused refused) {
            assertThat(refusal).as("%s: must be refused with one of %s", where, refused.codes())
                    .isNotNull().isIn(refused.codes());
            assertThat(appended).as("%s: a refused command appends no event", where).isZero();
        } else if (expected instanceof Expected.Repeat) {
            assertThat(refusal).as("%s: a repeat (same id, same content) is not refused", where).isNull();
            assertThat(appended).as("%s: a repeat appends no event", where).isZero();
        } else if (expected instanceof Expected.Accepted accepted) {
            assertThat(refusal).as("%s: must be accepted", where).isNull();
            assertThat(appended).as("%s: events appended", where).isEqualTo(accepted.events());
        }
    }

    /** A graceful exit is valued at the latest published collateral price, or the issuance's without one. */
    private static void checkWindUps(String where, List<? extends EventMessage<?>> appended, ReferenceLedger model) {
        for (EventMessage<?> event : appended) {
            if (event.getPayload() instanceof SeriesWoundUp woundUp) {
                String series = woundUp.tokenId().value();
                assertThat(woundUp.collateralPrice()).as("%s: wind-up collateral price", where)
                        .isEqualTo(model.windUpPrice(series));
                assertThat(woundUp.collateralValue()).as("%s: wind-up collateral value", where)
                        .isEqualTo(model.windUpValue(series));
            }
        }
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

    /** The ledger's command side as the application wires it, on an in-memory event store. */
    private static Configuration ledgerOn(InMemoryEventStorageEngine storage, ReferenceLedger model) {
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(TokenSeries.class)
                .configureAggregate(PriceFeed.class)
                .registerComponent(Participants.class, c -> LedgerScenario.PARTICIPANTS)
                .registerComponent(IssuanceRules.class, c -> IssuanceRules.defaults())
                .registerComponent(AdoptedDefaultPolicy.class, c -> Optional::empty)
                // Stand-ins for the application's collateral table and price projection, answered from the model.
                .registerComponent(CollateralRegistry.class, c -> model::seriesBackedBy)
                .registerComponent(CollateralPrices.class, c -> model::latestCollateralPrice)
                .registerComponent(AcceptedCommandLog.class, c -> new AcceptedCommandsInStore(c::eventStore))
                .buildConfiguration();
        axon.start();
        ((SimpleCommandBus) axon.commandBus()).registerHandlerInterceptor(new UnknownSeriesTranslation());
        return axon;
    }

    // --- generators: plain data, so that failures shrink ---

    /**
     * An opening that issues (and mostly verifies) some of the series, so that the random steps after it find
     * units to move, then 30 to 74 random steps; 30 to 80 in all.
     */
    @Provide
    Arbitrary<List<LedgerAction>> scenarios() {
        Arbitrary<List<LedgerAction>> opening = Combinators.combine(openingFor(0), openingFor(1), openingFor(2))
                .as((first, second, third) -> concat(concat(first, second), third));
        Arbitrary<List<LedgerAction>> body = anyAction().list().ofMinSize(1).ofMaxSize(MAX_STEPS - MAX_OPENING)
                .withSizeDistribution(sizesFrom(MIN_STEPS));
        return Combinators.combine(opening, body).as(ConservationProperties::concat);
    }

    /** Nothing, an issuance, or an issuance and its verification, as a well-behaved issuer and oracle send them. */
    private static Arbitrary<List<LedgerAction>> openingFor(int series) {
        Arbitrary<Integer> issuer = Arbitraries.frequency(
                Tuple.of(5, LedgerAction.NATURAL), Tuple.of(1, LedgerScenario.PRINCIPALS.indexOf("oracle2")));
        Arbitrary<Integer> everydayRights = ids(2);
        Arbitrary<LedgerAction> issue = Combinators.combine(issuer, everydayRights)
                .as((actor, rights) -> new LedgerAction.Issue(series, actor, rights, LedgerAction.NATURAL, false));
        LedgerAction verify = new LedgerAction.Verify(series, LedgerAction.NATURAL);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(1, issue.map(List::of)),
                Tuple.of(6, issue.map(issuance -> List.of(issuance, verify))));
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> then) {
        List<T> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static Arbitrary<LedgerAction> anyAction() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, issue()),
                Tuple.of(5, verify()),
                Tuple.of(20, transfer()),
                Tuple.of(10, pledge()),
                Tuple.of(6, release()),
                Tuple.of(5, seize()),
                Tuple.of(8, burn()),
                Tuple.of(2, flag()),
                Tuple.of(4, publish()),
                Tuple.of(5, replay()));
    }

    private static Arbitrary<LedgerAction> issue() {
        Arbitrary<Integer> collateral = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(LedgerAction.NATURAL)),
                Tuple.of(1, Arbitraries.integers().between(0, LedgerScenario.ISSUABLE_SERIES - 1)));
        Arbitrary<Boolean> defaultPolicy = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        // Now and then Long.MAX_VALUE rights (LedgerScenario.RIGHTS), where only exact arithmetic survives.
        Arbitrary<Integer> rights = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(3, 1), Tuple.of(1, 2));
        return Combinators.combine(issuableSeries(), actor(), rights, collateral, defaultPolicy)
                .as(LedgerAction.Issue::new);
    }

    private static Arbitrary<LedgerAction> verify() {
        return Combinators.combine(series(), oracleActor()).as(LedgerAction.Verify::new);
    }

    private static Arbitrary<LedgerAction> transfer() {
        return Combinators.combine(series(), ids(LedgerScenario.TRANSFER_IDS), actor(), holder(), holder(), amount())
                .as(LedgerAction.Transfer::new);
    }

    private static Arbitrary<LedgerAction> pledge() {
        return Combinators.combine(series(), ids(LedgerScenario.PLEDGE_IDS), actor(), holder(), holder(), amount())
                .as(LedgerAction.Pledge::new);
    }

    private static Arbitrary<LedgerAction> release() {
        return Combinators.combine(pledgedSeries(), ids(LedgerScenario.PLEDGE_IDS), actor())
                .as(LedgerAction.Release::new);
    }

    private static Arbitrary<LedgerAction> seize() {
        return Combinators.combine(pledgedSeries(), ids(LedgerScenario.PLEDGE_IDS), actor())
                .as(LedgerAction.Seize::new);
    }

    private static Arbitrary<LedgerAction> burn() {
        return Combinators.combine(series(), ids(LedgerScenario.BURN_IDS), actor(), holder(), amount(),
                ids(LedgerScenario.BURN_REASONS.size())).as(LedgerAction.Burn::new);
    }

    private static Arbitrary<LedgerAction> flag() {
        return Combinators.combine(series(), ids(LedgerScenario.FLAG_IDS), oracleActor(), ids(2),
                ids(LedgerScenario.FLAG_REASONS.size())).as(LedgerAction.Flag::new);
    }

    private static Arbitrary<LedgerAction> publish() {
        return Combinators.combine(ids(LedgerScenario.PRICE_IDS), ids(LedgerScenario.FEEDS.size()), oracleActor(),
                ids(LedgerScenario.PRICES.size())).as(LedgerAction.Publish::new);
    }

    private static Arbitrary<LedgerAction> replay() {
        return Arbitraries.integers().between(0, 1_000).map(LedgerAction.Replay::new);
    }

    /** Mostly the three issuable series, sometimes the one never issued. */
    private static Arbitrary<Integer> series() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, issuableSeries()),
                Tuple.of(1, Arbitraries.just(LedgerScenario.SERIES.size() - 1)));
    }

    /** Mostly a pledge the ledger knows of, sometimes any pledge id of any series. */
    private static Arbitrary<Integer> pledgedSeries() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(LedgerAction.KNOWN_PLEDGE)),
                Tuple.of(1, series()));
    }

    private static Arbitrary<Integer> issuableSeries() {
        return Arbitraries.integers().between(0, LedgerScenario.ISSUABLE_SERIES - 1);
    }

    /** Mostly the principal a well-behaved caller would be, sometimes anyone, or no one. */
    private static Arbitrary<Integer> actor() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(LedgerAction.NATURAL)),
                Tuple.of(1, Arbitraries.integers().between(0, LedgerScenario.NO_PRINCIPAL)));
    }

    /** Mostly the oracle, often the oracle that is an issuer too, sometimes anyone, or no one. */
    private static Arbitrary<Integer> oracleActor() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(LedgerAction.NATURAL)),
                Tuple.of(2, Arbitraries.just(LedgerScenario.PRINCIPALS.indexOf("oracle2"))),
                Tuple.of(2, Arbitraries.integers().between(0, LedgerScenario.NO_PRINCIPAL)));
    }

    /** The issuer (who starts with every unit), the three holders, now and then an oracle. */
    private static Arbitrary<Integer> holder() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(4, LedgerScenario.PRINCIPALS.size() - 1)));
    }

    /** Exactly what is available, small amounts, or amounts often beyond any balance. */
    private static Arbitrary<Integer> amount() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(LedgerAction.ALL_AVAILABLE)),
                Tuple.of(6, Arbitraries.integers().between(1, 25)),
                Tuple.of(2, Arbitraries.integers().between(26, 150)));
    }

    private static Arbitrary<Integer> ids(int howMany) {
        return Arbitraries.integers().between(0, howMany - 1);
    }

    /**
     * Sizes drawn uniformly from {@code from} to the list's maximum, while the list's minimum stays low so that a
     * failing scenario shrinks to the few steps that matter.
     */
    private static RandomDistribution sizesFrom(int from) {
        return (genSize, min, max, center) -> {
            BigInteger low = max.min(BigInteger.valueOf(from)).max(min);
            int span = max.subtract(low).intValueExact() + 1;
            return random -> low.add(BigInteger.valueOf(random.nextInt(span)));
        };
    }
}
