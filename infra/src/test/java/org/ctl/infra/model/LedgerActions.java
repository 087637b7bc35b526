package org.ctl.infra.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import org.ctl.command.series.ReferenceLedger.PledgeRef;
import org.ctl.command.series.ReferenceLedger;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.shared.SeriesStatus;

/**
 * The actions of {@link LedgerStateMachineProperties}: every command of the ledger, sent mostly as a
 * well-behaved caller would (the holder moving units it has, the pledgee closing its pledge, the oracle
 * verifying), and now and then by the wrong principal, an unregistered one or no one, beyond what is available,
 * to a series or pledge that does not exist, or with an id used before (with the same content or other
 * content). Each action looks at the state (the model) to choose its step, so that most commands meet units to
 * move; the step itself is plain data (series by index, holders by name, amounts as numbers) that builds its
 * command in whichever world it is applied to, as jqwik's shrinking requires.
 */
final class LedgerActions {

    private LedgerActions() {
    }

    /** Chains of {@code min} to {@code max} steps (fewer when shrunk) over a fresh world from {@code start}. */
    static ActionChainArbitrary<LedgerWorld> chains(Supplier<LedgerWorld> start, int min, int max) {
        return ActionChain.startWith(start)
                // While no series is active, mostly open one: a chain is short, and most rules need units to move.
                .withAction(40, action(LedgerActions::nothingActive, LedgerActions::opening))
                .withAction(3, action(LedgerActions::canOpen, LedgerActions::opening))
                .withAction(2, action(w -> true, LedgerActions::issue))
                .withAction(2, action(w -> true, LedgerActions::verify))
                .withAction(10, action(w -> true, LedgerActions::transfer))
                .withAction(6, action(w -> true, LedgerActions::pledge))
                .withAction(4, action(LedgerActions::knowsPledges, w -> closePledge(w, false)))
                .withAction(4, action(LedgerActions::knowsPledges, w -> closePledge(w, true)))
                .withAction(1, action(w -> true, w -> closePledge(w, false)))
                .withAction(1, action(w -> true, w -> closePledge(w, true)))
                .withAction(4, action(w -> true, LedgerActions::burn))
                .withAction(2, action(w -> true, LedgerActions::flag))
                .withAction(2, action(w -> true, LedgerActions::publish))
                .withAction(4, replay())
                .withAction(5, end(min))
                .withMaxTransformations(max);
    }

    /** An action that sends the step {@code steps} picks for the world as it is before the step. */
    private static Action.Dependent<LedgerWorld> action(Predicate<LedgerWorld> precondition,
                                                        Function<LedgerWorld, Arbitrary<Step>> steps) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(LedgerWorld world) {
                return precondition.test(world);
            }

            @Override
            public Arbitrary<Transformer<LedgerWorld>> transformer(LedgerWorld world) {
                return steps.apply(world).map(LedgerActions::transformer);
            }
        };
    }

    private static Transformer<LedgerWorld> transformer(Step step) {
        return Transformer.mutate(step.text(), world -> world.send(step));
    }

    /** A step whose description is that of the command it builds (the same in every world). */
    private static Step step(LedgerWorld world, Function<LedgerWorld, Sent> build) {
        return new Step(build.apply(world).text(), build);
    }

    /**
     * Sends again, exactly as it was (content and principal), a command sent earlier in the try, mostly one that
     * was accepted (a repeat), sometimes any (a refusal again, or by now an acceptance).
     */
    private static Action.Dependent<LedgerWorld> replay() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(LedgerWorld world) {
                return !world.history().isEmpty();
            }

            @Override
            public Arbitrary<Transformer<LedgerWorld>> transformer(LedgerWorld world) {
                List<Tuple2<Integer, Arbitrary<Step>>> choices = new ArrayList<>();
                if (!world.acceptedHistory().isEmpty()) {
                    choices.add(Tuple.of(3, Arbitraries.of(List.copyOf(world.acceptedHistory()))));
                }
                choices.add(Tuple.of(1, Arbitraries.of(List.copyOf(world.history()))));
                return Arbitraries.frequencyOf(choices)
                        .map(earlier -> LedgerActions.transformer(new Step("again: " + earlier.text(), earlier.build())));
            }
        };
    }

    /** Ends the chain, once it has made {@code min} steps. */
    private static Action.Dependent<LedgerWorld> end(int min) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(LedgerWorld world) {
                return world.steps() >= min;
            }

            @Override
            public Arbitrary<Transformer<LedgerWorld>> transformer(LedgerWorld world) {
                return Arbitraries.just(Transformer.endOfChain());
            }
        };
    }

    // --- the opening: well-behaved issuances and verifications, so that units soon move ---

    /** No series is active, and one can still be issued or verified (all may have been flagged). */
    private static boolean nothingActive(LedgerWorld world) {
        return canOpen(world) && IntStream.range(0, LedgerWorld.SERIES)
                .noneMatch(i -> world.model().status(world.series(i)) == SeriesStatus.ACTIVE);
    }

    private static boolean canOpen(LedgerWorld world) {
        return IntStream.range(0, LedgerWorld.SERIES).anyMatch(world::needsOpening);
    }

    private static boolean knowsPledges(LedgerWorld world) {
        return !world.model().pledges().isEmpty();
    }

    private static Arbitrary<Step> opening(LedgerWorld world) {
        List<Integer> open = IntStream.range(0, LedgerWorld.SERIES).filter(world::needsOpening).boxed().toList();
        return Arbitraries.of(open).flatMap(series -> {
            // Now and then oracle2, which is both issuer and oracle: it may not verify what it issued.
            Arbitrary<Boolean> byOracle2 = Arbitraries.frequency(Tuple.of(6, false), Tuple.of(1, true));
            if (world.model().isIssued(world.series(series))) {
                return byOracle2.map(oracle2 -> step(world, w -> w.verify(series, oracle2 ? "oracle2" : "oracle")));
            }
            // Now and then no policy: the ledger's default.
            Arbitrary<Integer> policy = Arbitraries.frequency(Tuple.of(5, series), Tuple.of(1, -1));
            return Combinators.combine(byOracle2, rights(), policy).as((oracle2, rights, chosen) -> step(world,
                    w -> w.issue(series, oracle2 ? "oracle2" : "issuer", rights, series,
                            chosen < 0 ? null : LedgerWorld.POLICIES.get(chosen))));
        });
    }

    // --- one action per command ---

    private static Arbitrary<Step> issue(LedgerWorld world) {
        Arbitrary<Integer> series = Arbitraries.integers().between(0, LedgerWorld.SERIES - 1);
        return series.flatMap(index -> {
            Arbitrary<String> actor = Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just("issuer")),
                    Tuple.of(2, Arbitraries.just("oracle2")),
                    Tuple.of(2, Arbitraries.of(LedgerWorld.ACTORS)));
            Arbitrary<Integer> collateral = Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(index)),
                    Tuple.of(1, Arbitraries.integers().between(0, LedgerWorld.SERIES - 1)));
            Arbitrary<Integer> policy = Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just(index)),
                    Tuple.of(1, Arbitraries.just(-1)),
                    Tuple.of(2, Arbitraries.integers().between(0, LedgerWorld.POLICIES.size() - 1)));
            return Combinators.combine(actor, rights(), collateral, policy).as((who, rights, col, chosen) ->
                    step(world, w -> w.issue(index, who, rights, col,
                            chosen < 0 ? null : LedgerWorld.POLICIES.get(chosen))));
        });
    }

    private static Arbitrary<Step> verify(LedgerWorld world) {
        Arbitrary<String> actor = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("oracle")),
                Tuple.of(2, Arbitraries.just("oracle2")),
                Tuple.of(2, Arbitraries.of(LedgerWorld.ACTORS)));
        return Combinators.combine(series(world), actor).as((series, who) -> step(world, w -> w.verify(series, who)));
    }

    private static Arbitrary<Step> transfer(LedgerWorld world) {
        return series(world).flatMap(series -> from(world, series).flatMap(from ->
                Combinators.combine(ids("t", 5), receiver(), amount(world, series, from), actor(from))
                        .as((id, to, amount, who) ->
                                step(world, w -> w.transfer(series, id, from, to, amount, who)))));
    }

    private static Arbitrary<Step> pledge(LedgerWorld world) {
        return series(world).flatMap(series -> from(world, series).flatMap(pledger ->
                Combinators.combine(ids("p", 4), receiver(), amount(world, series, pledger), actor(pledger))
                        .as((id, pledgee, amount, who) ->
                                step(world, w -> w.pledge(series, id, pledger, pledgee, amount, who)))));
    }

    /** A release or a seizure, mostly of a pledge the ledger knows of, sometimes of any pledge id. */
    private static Arbitrary<Step> closePledge(LedgerWorld world, boolean seize) {
        Arbitrary<Tuple2<Integer, String>> unknown = Combinators.combine(series(world), ids("p", 5)).as(Tuple::of);
        List<PledgeRef> known = world.model().pledges();
        Arbitrary<Tuple2<Integer, String>> pledge = known.isEmpty() ? unknown : Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(known).map(ref -> Tuple.of(world.indexOf(ref.series()), ref.pledgeId()))),
                Tuple.of(1, unknown));
        return pledge.flatMap(ref -> actor(pledgeeOf(known, world, ref)).map(who -> step(world, seize
                ? w -> w.seize(ref.get1(), ref.get2(), who)
                : w -> w.release(ref.get1(), ref.get2(), who))));
    }

    /** The pledgee of a pledge the model knows of, or bob (a plausible pledgee) for a pledge that does not exist. */
    private static String pledgeeOf(List<PledgeRef> known, LedgerWorld world, Tuple2<Integer, String> ref) {
        return known.stream()
                .filter(p -> world.indexOf(p.series()) == ref.get1() && p.pledgeId().equals(ref.get2()))
                .map(PledgeRef::pledgee).findFirst().orElse("bob");
    }

    private static Arbitrary<Step> burn(LedgerWorld world) {
        return series(world).flatMap(series -> from(world, series).flatMap(holder ->
                Combinators.combine(ids("b", 4), amount(world, series, holder),
                                Arbitraries.of(LedgerWorld.BURN_REASONS), actor(holder))
                        .as((id, amount, reason, who) ->
                                step(world, w -> w.burn(series, id, holder, amount, reason, who)))));
    }

    private static Arbitrary<Step> flag(LedgerWorld world) {
        return Combinators.combine(series(world), ids("f", 3), Arbitraries.of(Verdict.class),
                        Arbitraries.of(LedgerWorld.FLAG_REASONS), oracleActor())
                .as((series, id, verdict, reason, who) ->
                        step(world, w -> w.flag(series, id, verdict, reason, who)));
    }

    private static Arbitrary<Step> publish(LedgerWorld world) {
        // Feed 0 is the collateral unit's (it values graceful exits), feed 1 the compute unit's.
        Arbitrary<Integer> feed = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1));
        return Combinators.combine(feed, ids("q", 4), Arbitraries.of(LedgerWorld.PRICES), oracleActor())
                .as((index, id, price, who) -> step(world, w -> w.publish(index, id, price, who)));
    }

    // --- the parts of a command ---

    /**
     * The index of a series: mostly one that is active, often one issued, sometimes any of the try's, now and then
     * the one never issued.
     */
    private static Arbitrary<Integer> series(LedgerWorld world) {
        List<Integer> active = new ArrayList<>();
        List<Integer> issued = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < LedgerWorld.SERIES; i++) {
            all.add(i);
            if (world.model().status(world.series(i)) == SeriesStatus.ACTIVE) {
                active.add(i);
            }
            if (world.model().isIssued(world.series(i))) {
                issued.add(i);
            }
        }
        List<Tuple2<Integer, Arbitrary<Integer>>> choices = new ArrayList<>();
        if (!active.isEmpty()) {
            choices.add(Tuple.of(12, Arbitraries.of(active)));
        }
        if (!issued.isEmpty()) {
            choices.add(Tuple.of(3, Arbitraries.of(issued)));
        }
        choices.add(Tuple.of(2, Arbitraries.of(all)));
        choices.add(Tuple.of(1, Arbitraries.just(LedgerWorld.GHOST)));
        return Arbitraries.frequencyOf(choices);
    }

    /** Mostly a holder with units available, sometimes any holder, now and then an outsider. */
    private static Arbitrary<String> from(LedgerWorld world, int series) {
        List<String> holding = world.model().holdersWithAvailableUnits(world.series(series));
        List<Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
        if (!holding.isEmpty()) {
            choices.add(Tuple.of(7, Arbitraries.of(holding)));
        }
        choices.add(Tuple.of(3, Arbitraries.of(LedgerWorld.HOLDERS)));
        choices.add(Tuple.of(1, Arbitraries.of(LedgerWorld.OUTSIDERS)));
        return Arbitraries.frequencyOf(choices);
    }

    /** A receiver or pledgee: mostly one of the holders (the sender too, now and then), sometimes an outsider. */
    private static Arbitrary<String> receiver() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(LedgerWorld.HOLDERS)),
                Tuple.of(1, Arbitraries.of(LedgerWorld.OUTSIDERS)));
    }

    /** All that is available, part of it, one more than it, or a small amount unrelated to it. */
    private static Arbitrary<Long> amount(LedgerWorld world, int series, String holder) {
        long available = world.model().available(world.series(series), holder);
        long all = Math.max(1, available);
        long beyond = available == Long.MAX_VALUE ? available : available + 1;
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(all)),
                Tuple.of(4, Arbitraries.longs().between(1, all)),
                Tuple.of(1, Arbitraries.just(beyond)),
                Tuple.of(1, Arbitraries.longs().between(1, 150)));
    }

    /** Mostly the principal a well-behaved caller would be, sometimes anyone, or no one. */
    private static Arbitrary<String> actor(String natural) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(natural)),
                Tuple.of(2, Arbitraries.of(LedgerWorld.ACTORS)));
    }

    /** Mostly the oracle, sometimes the oracle that is an issuer too, sometimes anyone, or no one. */
    private static Arbitrary<String> oracleActor() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("oracle")),
                Tuple.of(2, Arbitraries.just("oracle2")),
                Tuple.of(2, Arbitraries.of(LedgerWorld.ACTORS)));
    }

    private static Arbitrary<Long> rights() {
        return Arbitraries.frequency(
                Tuple.of(3, LedgerWorld.RIGHTS.get(0)),
                Tuple.of(3, LedgerWorld.RIGHTS.get(1)),
                Tuple.of(1, LedgerWorld.RIGHTS.get(2)));
    }

    /** One of {@code count} ids {@code prefix0}, {@code prefix1}, …: few, so that ids are reused. */
    private static Arbitrary<String> ids(String prefix, int count) {
        return Arbitraries.integers().between(0, count - 1).map(i -> prefix + i);
    }
}
