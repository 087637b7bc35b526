package org.ctl.domain.history;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;

/**
 * One series as its stored events make it, folded by {@link LedgerHistory}: status, supply, every holder's units
 * and the open pledges. Amounts are plain {@code long}s, not {@code Units}, on purpose: a forged history can drive a
 * balance below zero, and the fold must be able to hold that state to report it.
 */
public final class SeriesHistory {

    /** A holder's units of the series as the events leave them (negative only in a broken history). */
    public record Position(long available, long pledged) {

        public boolean isEmpty() {
            return available == 0 && pledged == 0;
        }
    }

    /** A pledge still open: who pledged how many units to whom. */
    public record OpenPledge(HolderId pledger, HolderId pledgee, long amount) {
    }

    private final TokenId tokenId;
    private final HolderId issuer;
    private final String computeUnit;
    private final GovernancePolicy policy;
    private final Collateral collateral;
    private final Money pricePerComputeRight;
    private final long issued;
    private SeriesStatus status = SeriesStatus.PENDING_VERIFICATION;
    private HolderId verifiedBy;
    private long outstanding;
    private long burned;
    private long lastSequence;
    private final Map<HolderId, long[]> positions = new LinkedHashMap<>();
    private final Map<CommandId, OpenPledge> openPledges = new LinkedHashMap<>();
    private final Set<CommandId> closedPledges = new HashSet<>();
    /** Ids used per kind of command ("transfer", "pledge", "burn", "flag"). */
    private final Map<String, Set<CommandId>> usedIds = new LinkedHashMap<>();
    /** The flag whose wind-up is still due, if the last flag wound the series up. */
    private CommandId windUpDue;

    SeriesHistory(TokenIssued issuance, long sequence) {
        this.tokenId = issuance.tokenId();
        this.issuer = issuance.issuer();
        this.computeUnit = issuance.computeUnit();
        this.policy = issuance.policy();
        this.collateral = issuance.collateral();
        this.pricePerComputeRight = issuance.pricePerComputeRight();
        this.issued = issuance.computeRights().value();
        this.outstanding = issued;
        this.lastSequence = sequence;
        credit(issuer, issued, 0);
    }

    public TokenId tokenId() {
        return tokenId;
    }

    public HolderId issuer() {
        return issuer;
    }

    public String computeUnit() {
        return computeUnit;
    }

    public GovernancePolicy policy() {
        return policy;
    }

    public Collateral collateral() {
        return collateral;
    }

    public Money pricePerComputeRight() {
        return pricePerComputeRight;
    }

    public SeriesStatus status() {
        return status;
    }

    /** The oracle that verified the series, or {@code null} before verification. */
    public HolderId verifiedBy() {
        return verifiedBy;
    }

    public long issued() {
        return issued;
    }

    public long outstanding() {
        return outstanding;
    }

    public long burned() {
        return burned;
    }

    /** The sequence number of the series' last event folded. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Every holder with units (available or pledged not zero), ordered by holder id. */
    public SortedMap<String, Position> positions() {
        SortedMap<String, Position> nonEmpty = new TreeMap<>();
        positions.forEach((holder, units) -> {
            if (units[0] != 0 || units[1] != 0) {
                nonEmpty.put(holder.value(), new Position(units[0], units[1]));
            }
        });
        return Collections.unmodifiableSortedMap(nonEmpty);
    }

    /** The holder's units, empty when it holds none. */
    public Position position(HolderId holder) {
        long[] units = positions.get(holder);
        return units == null ? new Position(0, 0) : new Position(units[0], units[1]);
    }

    public Map<CommandId, OpenPledge> openPledges() {
        return Collections.unmodifiableMap(openPledges);
    }

    // --- changes, made by LedgerHistory's fold only ---

    void moved(long sequence) {
        lastSequence = sequence;
    }

    void verify(HolderId oracle) {
        status = SeriesStatus.ACTIVE;
        verifiedBy = oracle;
    }

    void settle(SeriesStatus settled, CommandId woundUpBy) {
        status = settled;
        windUpDue = woundUpBy;
    }

    CommandId windUpDue() {
        return windUpDue;
    }

    void credit(HolderId holder, long availableDelta, long pledgedDelta) {
        long[] units = positions.computeIfAbsent(holder, h -> new long[2]);
        units[0] = Math.addExact(units[0], availableDelta);
        units[1] = Math.addExact(units[1], pledgedDelta);
    }

    void burn(long amount) {
        outstanding = Math.subtractExact(outstanding, amount);
        burned = Math.addExact(burned, amount);
    }

    /** Records the id's use; false when this kind of command already used it in the series. */
    boolean useId(String kind, CommandId id) {
        return usedIds.computeIfAbsent(kind, k -> new HashSet<>()).add(id);
    }

    void openPledge(CommandId pledgeId, OpenPledge pledge) {
        openPledges.put(pledgeId, pledge);
    }

    OpenPledge closePledge(CommandId pledgeId) {
        OpenPledge pledge = openPledges.remove(pledgeId);
        if (pledge != null) {
            closedPledges.add(pledgeId);
        }
        return pledge;
    }

    boolean wasClosed(CommandId pledgeId) {
        return closedPledges.contains(pledgeId);
    }

    /** The wind-up: every pledge released and every unit burned, so no holder holds anything any more. */
    void windUp(long unitsBurned) {
        openPledges.keySet().forEach(closedPledges::add);
        openPledges.clear();
        positions.clear();
        burn(unitsBurned);
        windUpDue = null;
    }

    Map<HolderId, long[]> rawPositions() {
        return positions;
    }
}
