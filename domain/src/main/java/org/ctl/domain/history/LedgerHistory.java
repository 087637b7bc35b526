package org.ctl.domain.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.balance.SeriesBalance;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * The whole ledger folded from its stored events, in the order of the global event stream, with no aggregate and
 * no projection involved: every series ({@link SeriesHistory}) and the latest price of every feed. Pure: no clock,
 * no I/O, no framework.
 *
 * <p>The fold checks every {@link LedgerInvariant} at every event and keeps going after a breach, so that one run
 * reports every breach: a rule about the event itself (a move before verification, a pledge closed twice) is
 * reported at the event that breaks it; a rule about the resulting state (conservation, no negative balance) at
 * the event after which it stops holding, and again only if it held again in between.
 *
 * <p>What it answers has the shapes of the live queries ({@link SeriesView}, {@link HolderBalance},
 * {@link HolderPortfolio}), computed the way the projections compute them, so that an answer "as of" a moment
 * equals what the live query answered at that moment.
 */
public final class LedgerHistory {

    private final Map<TokenId, SeriesHistory> series = new HashMap<>();
    private final Map<String, TokenId> seriesByCollateral = new HashMap<>();
    private final Map<PriceFeedId, Money> latestPrices = new HashMap<>();
    private final Map<PriceFeedId, Long> feedSequences = new HashMap<>();
    private final Map<TokenId, Set<LedgerInvariant>> brokenStates = new HashMap<>();
    private final List<InvariantBreach> breaches = new ArrayList<>();
    private long lastPosition = -1;
    private long eventsFolded;

    /** Folds the next event of the global stream. */
    public void apply(RecordedEvent event) {
        Objects.requireNonNull(event, "an event to fold");
        lastPosition = Math.max(lastPosition, event.position());
        eventsFolded++;
        Object payload = event.payload();
        if (payload instanceof PricePublished published) {
            apply(event, published);
        } else if (payload instanceof TokenIssued issued) {
            apply(event, issued);
        } else {
            TokenId tokenId = TokenId.of(event.stream());
            SeriesHistory history = series.get(tokenId);
            if (history == null) {
                breach(event, LedgerInvariant.ISSUED_ONCE, "an event of series " + tokenId
                        + " that was never issued: " + payload.getClass().getSimpleName());
                return;
            }
            if (event.sequence() != history.lastSequence() + 1) {
                breach(event, LedgerInvariant.STREAM_IN_ORDER, "sequence " + event.sequence() + " follows sequence "
                        + history.lastSequence() + " of series " + tokenId);
            }
            history.moved(Math.max(event.sequence(), history.lastSequence()));
            applySeriesEvent(event, history, payload);
            checkState(event, history);
        }
    }

    /** Every breach found so far, in the order of the events. */
    public List<InvariantBreach> breaches() {
        return Collections.unmodifiableList(breaches);
    }

    /** The global index of the last event folded; -1 before the first. */
    public long lastPosition() {
        return lastPosition;
    }

    public long eventsFolded() {
        return eventsFolded;
    }

    public Optional<SeriesHistory> series(TokenId tokenId) {
        return Optional.ofNullable(series.get(tokenId));
    }

    /** Every series issued so far, ordered by id. */
    public Collection<SeriesHistory> allSeries() {
        SortedMap<String, SeriesHistory> sorted = new TreeMap<>();
        series.forEach((id, history) -> sorted.put(id.value(), history));
        return Collections.unmodifiableCollection(sorted.values());
    }

    /** The latest price a feed published, if it published any. */
    public Optional<Money> latestPrice(PriceFeedId feed) {
        return Optional.ofNullable(latestPrices.get(feed));
    }

    /** The latest price of every feed that published one. */
    public Map<PriceFeedId, Money> latestPrices() {
        return Collections.unmodifiableMap(latestPrices);
    }

    /** The sequence number of the latest price a feed published, if it published any. */
    public Optional<Long> latestPriceSequence(PriceFeedId feed) {
        return Optional.ofNullable(feedSequences.get(feed));
    }

    // --- views in the shapes of the live queries ---

    /**
     * A series' summary priced at the latest prices folded: the compute price of its compute unit and the
     * collateral price of its collateral unit (the issuance's prices until a feed publishes one); zero for a
     * worthless series, no pricing when nothing is outstanding.
     */
    public Optional<SeriesView> seriesView(TokenId tokenId, PricingKernel kernel) {
        SeriesHistory history = series.get(tokenId);
        if (history == null) {
            return Optional.empty();
        }
        Money computePrice = computePrice(history);
        Money collateralPrice = latestPrice(new PriceFeedId(PriceKind.COLLATERAL, history.collateral().unit()))
                .orElse(history.collateral().qubitPrice());
        Units outstanding = units(history.outstanding(), history, "outstanding");
        Pricing pricing;
        if (history.status() == SeriesStatus.WORTHLESS) {
            pricing = Pricing.WORTHLESS;
        } else if (outstanding.isZero()) {
            pricing = null;
        } else {
            pricing = kernel.price(outstanding, computePrice, history.collateral().qubits(), collateralPrice);
        }
        return Optional.of(new SeriesView(history.tokenId(), history.issuer(), history.computeUnit(),
                history.status(), history.policy(), Units.of(history.issued()), outstanding,
                units(history.burned(), history, "burned"), history.collateral().collateralId(),
                history.collateral().unit(), history.collateral().qubits(), computePrice, collateralPrice,
                history.verifiedBy(), pricing, history.lastSequence()));
    }

    /** The holders of a series with units, ordered by holder id; empty for a series never issued. */
    public List<HolderBalance> balancesOfSeries(TokenId tokenId) {
        SeriesHistory history = series.get(tokenId);
        if (history == null) {
            return List.of();
        }
        List<HolderBalance> balances = new ArrayList<>();
        history.positions().forEach((holder, position) -> balances.add(new HolderBalance(HolderId.of(holder),
                units(position.available(), history, holder), units(position.pledged(), history, holder))));
        return balances;
    }

    /**
     * A page of a holder's series (ordered by series id) and the total value of all of them: units × the latest
     * compute price of the series' unit (its price per right until one is published), zero for a worthless one.
     */
    public HolderPortfolio portfolio(HolderId holder, Page page) {
        List<SeriesBalance> all = new ArrayList<>();
        for (SeriesHistory history : allSeries()) {
            SeriesHistory.Position position = history.position(holder);
            if (position.isEmpty()) {
                continue;
            }
            Units available = units(position.available(), history, holder.value());
            Units pledged = units(position.pledged(), history, holder.value());
            Money value = history.status() == SeriesStatus.WORTHLESS ? Money.ZERO
                    : computePrice(history).times(available.plus(pledged));
            all.add(new SeriesBalance(history.tokenId(), available, pledged, value));
        }
        Money total = all.stream().map(SeriesBalance::value).reduce(Money.ZERO, Money::plus);
        int from = Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.limit(), all.size());
        return new HolderPortfolio(holder, all.subList(from, to), total);
    }

    private Money computePrice(SeriesHistory history) {
        return latestPrice(new PriceFeedId(PriceKind.COMPUTE, history.computeUnit()))
                .orElse(history.pricePerComputeRight());
    }

    private static Units units(long value, SeriesHistory history, String what) {
        if (value < 0) {
            throw new IllegalStateException("the history of series " + history.tokenId() + " leaves " + what
                    + " at " + value + ": it breaks the ledger's invariants; run the verification");
        }
        return Units.of(value);
    }

    // --- the fold ---

    private void apply(RecordedEvent event, PricePublished published) {
        if (!published.price().isPositive()) {
            breach(event, LedgerInvariant.POSITIVE_AMOUNTS, "feed " + published.feed() + " published the price "
                    + published.price());
        }
        latestPrices.put(published.feed(), published.price());
        feedSequences.put(published.feed(), event.sequence());
    }

    private void apply(RecordedEvent event, TokenIssued issued) {
        if (series.containsKey(issued.tokenId())) {
            breach(event, LedgerInvariant.ISSUED_ONCE, "series " + issued.tokenId() + " is issued again");
            return;
        }
        if (event.sequence() != 0) {
            breach(event, LedgerInvariant.STREAM_IN_ORDER, "the issuance of " + issued.tokenId()
                    + " is at sequence " + event.sequence() + ", not at the start of its stream");
        }
        TokenId other = seriesByCollateral.putIfAbsent(issued.collateral().collateralId(), issued.tokenId());
        if (other != null) {
            breach(event, LedgerInvariant.COLLATERAL_BACKS_ONE_SERIES, "collateral "
                    + issued.collateral().collateralId() + " already backs series " + other);
        }
        if (issued.computeRights().isZero() || !issued.pricePerComputeRight().isPositive()) {
            breach(event, LedgerInvariant.POSITIVE_AMOUNTS, "issued " + issued.computeRights() + " rights at "
                    + issued.pricePerComputeRight());
        }
        SeriesHistory history = new SeriesHistory(issued, event.sequence());
        series.put(issued.tokenId(), history);
        checkState(event, history);
    }

    private void applySeriesEvent(RecordedEvent event, SeriesHistory history, Object payload) {
        if (history.windUpDue() != null && !(payload instanceof SeriesWoundUp)) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "flag " + history.windUpDue()
                    + " wound the series up, but the next event is " + payload.getClass().getSimpleName());
        }
        if (payload instanceof IssuanceVerified verified) {
            if (history.status() != SeriesStatus.PENDING_VERIFICATION || history.verifiedBy() != null) {
                breach(event, LedgerInvariant.VERIFIED_ONCE, "verifies a series that is " + history.status());
            } else if (verified.oracle().equals(history.issuer())) {
                breach(event, LedgerInvariant.VERIFIED_ONCE, "verified by its own issuer " + verified.oracle());
            }
            history.verify(verified.oracle());
        } else if (payload instanceof UnitsTransferred transfer) {
            requireMove(event, history, "transfer", transfer.transferId(), transfer.amount());
            history.credit(transfer.from(), -transfer.amount().value(), 0);
            history.credit(transfer.to(), transfer.amount().value(), 0);
        } else if (payload instanceof UnitsPledged pledge) {
            requireMove(event, history, "pledge", pledge.pledgeId(), pledge.amount());
            history.credit(pledge.pledger(), -pledge.amount().value(), pledge.amount().value());
            history.openPledge(pledge.pledgeId(), new SeriesHistory.OpenPledge(pledge.pledger(), pledge.pledgee(),
                    pledge.amount().value()));
        } else if (payload instanceof PledgeReleased release) {
            requireMove(event, history, null, null, release.amount());
            closePledge(event, history, release.pledgeId(), release.pledger(), release.pledgee(), release.amount());
            history.credit(release.pledger(), release.amount().value(), -release.amount().value());
        } else if (payload instanceof PledgeSeized seizure) {
            requireMove(event, history, null, null, seizure.amount());
            closePledge(event, history, seizure.pledgeId(), seizure.pledger(), seizure.pledgee(), seizure.amount());
            history.credit(seizure.pledger(), 0, -seizure.amount().value());
            history.credit(seizure.pledgee(), seizure.amount().value(), 0);
        } else if (payload instanceof UnitsBurned burn) {
            requireMove(event, history, "burn", burn.burnId(), burn.amount());
            history.credit(burn.holder(), -burn.amount().value(), 0);
            history.burn(burn.amount().value());
        } else if (payload instanceof SeriesFlagged flag) {
            applyFlag(event, history, flag);
        } else if (payload instanceof SeriesWoundUp windUp) {
            applyWindUp(event, history, windUp);
        } else {
            breach(event, LedgerInvariant.STREAM_IN_ORDER, "an event of unexpected type "
                    + payload.getClass().getName() + " in the stream of series " + history.tokenId());
        }
    }

    private void requireMove(RecordedEvent event, SeriesHistory history, String kind, CommandId id, Units amount) {
        if (history.status() != SeriesStatus.ACTIVE) {
            breach(event, LedgerInvariant.MOVES_ONLY_WHILE_ACTIVE, event.payload().getClass().getSimpleName()
                    + " while series " + history.tokenId() + " is " + history.status());
        }
        if (amount.isZero()) {
            breach(event, LedgerInvariant.POSITIVE_AMOUNTS, "moves zero units");
        }
        if (kind != null && !history.useId(kind, id)) {
            breach(event, LedgerInvariant.COMMAND_ID_ONCE, kind + " id " + id + " was used before in series "
                    + history.tokenId());
        }
    }

    private void closePledge(RecordedEvent event, SeriesHistory history, CommandId pledgeId, HolderId pledger,
                             HolderId pledgee, Units amount) {
        SeriesHistory.OpenPledge open = history.closePledge(pledgeId);
        if (open == null) {
            breach(event, LedgerInvariant.PLEDGE_CLOSED_ONCE, "pledge " + pledgeId
                    + (history.wasClosed(pledgeId) ? " was already closed" : " was never opened"));
        } else if (!open.pledger().equals(pledger) || !open.pledgee().equals(pledgee)
                || open.amount() != amount.value()) {
            breach(event, LedgerInvariant.PLEDGE_CLOSED_ONCE, "pledge " + pledgeId + " was opened as "
                    + open.amount() + " units of " + open.pledger() + " to " + open.pledgee() + ", closed as "
                    + amount + " units of " + pledger + " to " + pledgee);
        }
    }

    private void applyFlag(RecordedEvent event, SeriesHistory history, SeriesFlagged flag) {
        if (history.status().isSettled()) {
            breach(event, LedgerInvariant.FLAG_FOLLOWS_POLICY, "flags a series already " + history.status());
        }
        if (!history.useId("flag", flag.flagId())) {
            breach(event, LedgerInvariant.COMMAND_ID_ONCE, "flag id " + flag.flagId() + " was used before");
        }
        FlagOutcome expected = history.policy().outcomeFor(flag.verdict());
        if (flag.policy() != history.policy() || flag.outcome() != expected) {
            breach(event, LedgerInvariant.FLAG_FOLLOWS_POLICY, "verdict " + flag.verdict() + " under policy "
                    + history.policy() + " gives " + expected + ", the event says " + flag.outcome() + " under "
                    + flag.policy());
        }
        boolean woundUp = flag.outcome() == FlagOutcome.WOUND_UP;
        history.settle(woundUp ? SeriesStatus.WOUND_UP : SeriesStatus.WORTHLESS, woundUp ? flag.flagId() : null);
    }

    private void applyWindUp(RecordedEvent event, SeriesHistory history, SeriesWoundUp windUp) {
        if (!windUp.flagId().equals(history.windUpDue())) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "a wind-up under flag " + windUp.flagId()
                    + " that does not follow a WOUND_UP flag with that id");
        }
        if (windUp.unitsBurned().value() != history.outstanding()) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "burns " + windUp.unitsBurned() + " units, "
                    + history.outstanding() + " were outstanding");
        }
        Set<CommandId> released = Set.copyOf(windUp.releasedPledges());
        if (!released.equals(history.openPledges().keySet())) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "releases pledges " + released
                    + ", the open ones were " + history.openPledges().keySet());
        }
        Map<String, Long> held = new TreeMap<>();
        history.positions().forEach((holder, position) -> held.put(holder, position.available()
                + position.pledged()));
        Map<String, Long> claimed = new TreeMap<>();
        BigDecimal claimedValue = BigDecimal.ZERO;
        for (CollateralClaim claim : windUp.claims()) {
            claimed.merge(claim.holder().value(), claim.units().value(), Long::sum);
            claimedValue = claimedValue.add(claim.claim().amount());
        }
        if (!claimed.equals(held)) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "claims " + claimed + ", the holders held "
                    + held);
        }
        if (!held.isEmpty() && claimedValue.compareTo(windUp.collateralValue().amount()) != 0) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "claims add up to "
                    + claimedValue.toPlainString() + ", not to the collateral value " + windUp.collateralValue());
        }
        Money latest = latestPrice(new PriceFeedId(PriceKind.COLLATERAL, history.collateral().unit()))
                .orElse(history.collateral().qubitPrice());
        Money value = new Money(history.collateral().valueAt(latest).toCents());
        if (!windUp.collateralPrice().equals(latest) || !windUp.collateralValue().equals(value)) {
            breach(event, LedgerInvariant.WIND_UP_SETTLES_EVERYTHING, "values the collateral at "
                    + windUp.collateralPrice() + " (" + windUp.collateralValue() + "), the latest price was "
                    + latest + " (" + value + ")");
        }
        history.windUp(windUp.unitsBurned().value());
    }

    /** Checks the rules about a series' state after an event; reports each one where it stops holding. */
    private void checkState(RecordedEvent event, SeriesHistory history) {
        Map<LedgerInvariant, String> broken = new java.util.LinkedHashMap<>();
        long held = 0;
        Map<HolderId, Long> pledgedByPledger = new HashMap<>();
        history.openPledges().values().forEach(pledge -> pledgedByPledger.merge(pledge.pledger(), pledge.amount(),
                Long::sum));
        for (Map.Entry<HolderId, long[]> entry : history.rawPositions().entrySet()) {
            long[] units = entry.getValue();
            if (units[0] < 0 || units[1] < 0) {
                broken.putIfAbsent(LedgerInvariant.NO_NEGATIVE_BALANCE, entry.getKey() + " has available "
                        + units[0] + ", pledged " + units[1]);
            }
            long pledged = pledgedByPledger.getOrDefault(entry.getKey(), 0L);
            if (units[1] != pledged) {
                broken.putIfAbsent(LedgerInvariant.PLEDGED_MATCHES_OPEN_PLEDGES, entry.getKey() + " has "
                        + units[1] + " units pledged, its open pledges hold " + pledged);
            }
            held = Math.addExact(held, Math.addExact(units[0], units[1]));
        }
        if (held != history.outstanding()) {
            broken.put(LedgerInvariant.HOLDINGS_EQUAL_OUTSTANDING, "Σ(available + pledged) = " + held
                    + ", outstanding = " + history.outstanding());
        }
        if (history.outstanding() < 0 || history.burned() < 0
                || history.outstanding() + history.burned() != history.issued()) {
            broken.put(LedgerInvariant.SUPPLY_CONSERVED, "issued " + history.issued() + ", outstanding "
                    + history.outstanding() + ", burned " + history.burned());
        }
        Set<LedgerInvariant> wasBroken = brokenStates.computeIfAbsent(history.tokenId(),
                id -> EnumSet.noneOf(LedgerInvariant.class));
        broken.forEach((invariant, detail) -> {
            if (!wasBroken.contains(invariant)) {
                breach(event, invariant, detail);
            }
        });
        wasBroken.clear();
        wasBroken.addAll(broken.keySet());
    }

    private void breach(RecordedEvent event, LedgerInvariant invariant, String detail) {
        breaches.add(new InvariantBreach(event.position(), event.stream(), event.sequence(), invariant, detail));
    }
}
