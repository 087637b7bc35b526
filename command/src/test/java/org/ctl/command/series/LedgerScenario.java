package org.ctl.command.series;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Participants;
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
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;

/**
 * The fixed cast of a scenario (principals, series, ids, amounts, prices) and the translation of an abstract
 * {@link LedgerAction} into the command a caller would send.
 */
final class LedgerScenario {

    /** Everyone who may send a command; the index {@code PRINCIPALS.size()} stands for "no principal". */
    static final List<String> PRINCIPALS = List.of("issuer", "alice", "bob", "carol", "oracle", "oracle2");
    static final int NO_PRINCIPAL = PRINCIPALS.size();
    /** Registered issuers; oracle2 is both, so that it can try to verify its own series. */
    static final Set<String> ISSUERS = Set.of("issuer", "oracle2");
    static final Set<String> ORACLES = Set.of("oracle", "oracle2");
    static final Participants PARTICIPANTS = new Participants(
            ISSUERS.stream().map(HolderId::of).collect(java.util.stream.Collectors.toSet()),
            ORACLES.stream().map(HolderId::of).collect(java.util.stream.Collectors.toSet()));

    /** Three series, one per policy, and a fourth id that is never issued. */
    static final List<String> SERIES = List.of("s-hard", "s-graceful", "s-hybrid", "s-ghost");
    static final int ISSUABLE_SERIES = 3;
    static final List<GovernancePolicy> POLICIES =
            List.of(GovernancePolicy.HARD_STOP, GovernancePolicy.GRACEFUL_EXIT, GovernancePolicy.HYBRID);
    /** Rights per issuance; the last one is as large as a series can be, to reach the overflow checks. */
    static final long[] RIGHTS = {40, 100, Long.MAX_VALUE};
    static final Units QUBITS = Units.of(8);
    static final Money QUBIT_PRICE = Money.of("0.20");

    static final int TRANSFER_IDS = 6;
    static final int PLEDGE_IDS = 4;
    static final int BURN_IDS = 4;
    static final int FLAG_IDS = 3;
    static final int PRICE_IDS = 4;
    /** Reasons: the first two are the same text once trimmed. */
    static final List<String> FLAG_REASONS = List.of("collateral missing", "  collateral missing ", "audit failed");
    static final List<String> BURN_REASONS = List.of("redeemed", " redeemed", "voluntary");
    static final List<PriceFeedId> FEEDS = List.of(new PriceFeedId(PriceKind.COLLATERAL, Collateral.DEFAULT_UNIT),
            new PriceFeedId(PriceKind.COMPUTE, "H100-GPU-HOUR"));
    /** Prices: the first two are the same amount. */
    static final List<String> PRICES = List.of("0.20", "0.2", "0.35", "1.5");

    /** A command as sent: the payload and the principal in its metadata ({@code null}: none). */
    record SentCommand(Object command, String principal) {

        /** The stream (aggregate id) the command goes to: its series, or its price feed. */
        String stream() {
            if (command instanceof PublishPrice c) {
                return c.feedAggregateId();
            }
            if (command instanceof IssueToken c) {
                return c.tokenId().value();
            }
            if (command instanceof VerifyIssuance c) {
                return c.tokenId().value();
            }
            if (command instanceof TransferUnits c) {
                return c.tokenId().value();
            }
            if (command instanceof PledgeUnits c) {
                return c.tokenId().value();
            }
            if (command instanceof ReleasePledge c) {
                return c.tokenId().value();
            }
            if (command instanceof SeizePledge c) {
                return c.tokenId().value();
            }
            if (command instanceof BurnUnits c) {
                return c.tokenId().value();
            }
            if (command instanceof FlagByOracle c) {
                return c.tokenId().value();
            }
            throw new IllegalArgumentException("no stream for " + command);
        }

        Map<String, ?> metaData() {
            return principal == null ? Map.of() : Map.of("principal", principal);
        }

        @Override
        public String toString() {
            return command + " as " + principal;
        }
    }

    private LedgerScenario() {
    }

    /**
     * The command {@code action} stands for, given the model's state (for natural actors and "all available"),
     * or {@code null} for a replay with nothing to replay.
     */
    static SentCommand toCommand(LedgerAction action, ReferenceLedger model, List<SentCommand> history) {
        if (action instanceof LedgerAction.Replay replay) {
            return history.isEmpty() ? null : history.get(replay.step() % history.size());
        }
        if (action instanceof LedgerAction.Issue a) {
            String collateralId = "col-" + (a.collateral() == LedgerAction.NATURAL ? a.series() : a.collateral());
            IssueToken command = new IssueToken(token(a.series()), "H100-GPU-HOUR", Units.of(RIGHTS[a.rights()]),
                    Money.of("1.00"), new Collateral(collateralId, null, QUBITS, QUBIT_PRICE),
                    a.defaultPolicy() ? null : POLICIES.get(a.series()));
            return new SentCommand(command, actor(a.actor(), "issuer"));
        }
        if (action instanceof LedgerAction.Verify a) {
            return new SentCommand(new VerifyIssuance(token(a.series())), actor(a.actor(), "oracle"));
        }
        if (action instanceof LedgerAction.Transfer a) {
            String from = PRINCIPALS.get(a.from());
            TransferUnits command = new TransferUnits(token(a.series()), CommandId.of("t" + a.id()), HolderId.of(from),
                    HolderId.of(PRINCIPALS.get(a.to())), amount(a.amount(), model, a.series(), from));
            return new SentCommand(command, actor(a.actor(), from));
        }
        if (action instanceof LedgerAction.Pledge a) {
            String pledger = PRINCIPALS.get(a.pledger());
            PledgeUnits command = new PledgeUnits(token(a.series()), CommandId.of("p" + a.id()),
                    HolderId.of(pledger), HolderId.of(PRINCIPALS.get(a.pledgee())),
                    amount(a.amount(), model, a.series(), pledger));
            return new SentCommand(command, actor(a.actor(), pledger));
        }
        if (action instanceof LedgerAction.Release a) {
            ReferenceLedger.PledgeRef pledge = pledgeOf(a.series(), a.pledge(), model);
            return new SentCommand(new ReleasePledge(TokenId.of(pledge.series()), CommandId.of(pledge.pledgeId())),
                    actor(a.actor(), pledge.pledgee()));
        }
        if (action instanceof LedgerAction.Seize a) {
            ReferenceLedger.PledgeRef pledge = pledgeOf(a.series(), a.pledge(), model);
            return new SentCommand(new SeizePledge(TokenId.of(pledge.series()), CommandId.of(pledge.pledgeId())),
                    actor(a.actor(), pledge.pledgee()));
        }
        if (action instanceof LedgerAction.Burn a) {
            String holder = PRINCIPALS.get(a.holder());
            BurnUnits command = new BurnUnits(token(a.series()), CommandId.of("b" + a.id()), HolderId.of(holder),
                    amount(a.amount(), model, a.series(), holder), BURN_REASONS.get(a.reason()));
            return new SentCommand(command, actor(a.actor(), holder));
        }
        if (action instanceof LedgerAction.Flag a) {
            FlagByOracle command = new FlagByOracle(token(a.series()), CommandId.of("f" + a.id()),
                    Verdict.values()[a.verdict()], FLAG_REASONS.get(a.reason()));
            return new SentCommand(command, actor(a.actor(), "oracle"));
        }
        if (action instanceof LedgerAction.Publish a) {
            PublishPrice command = new PublishPrice(CommandId.of("q" + a.id()), FEEDS.get(a.feed()),
                    Money.of(PRICES.get(a.price())));
            return new SentCommand(command, actor(a.actor(), "oracle"));
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    /** A pledge the model knows of, or any series and pledge id (unknown ones included). */
    private static ReferenceLedger.PledgeRef pledgeOf(int series, int pledge, ReferenceLedger model) {
        List<ReferenceLedger.PledgeRef> known = model.pledges();
        if (series == LedgerAction.KNOWN_PLEDGE && !known.isEmpty()) {
            return known.get(pledge % known.size());
        }
        return new ReferenceLedger.PledgeRef(SERIES.get(Math.max(series, 0)), "p" + pledge % PLEDGE_IDS, "bob");
    }

    private static TokenId token(int series) {
        return TokenId.of(SERIES.get(series));
    }

    private static String actor(int actor, String natural) {
        if (actor == LedgerAction.NATURAL) {
            return natural;
        }
        return actor == NO_PRINCIPAL ? null : PRINCIPALS.get(actor);
    }

    private static Units amount(int amount, ReferenceLedger model, int series, String holder) {
        if (amount == LedgerAction.ALL_AVAILABLE) {
            return Units.of(Math.max(1, model.available(SERIES.get(series), holder)));
        }
        return Units.of(amount);
    }
}
