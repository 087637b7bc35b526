package org.ctl.infra.model;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ctl.command.series.SeriesBalances;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * Folds the events of one series, as read back from the event store, into its balances, on its own (neither the
 * aggregate nor the reference model is involved), and checks after every single event that the series conserves
 * its units: no negative balance, outstanding = Σ (available + pledged), issued = outstanding + burned. A graceful
 * exit must burn exactly what was outstanding and give each holder a claim for exactly the units it held, the
 * claims adding up to the collateral value.
 */
final class StoredFold {

    /** The expected valuation of a graceful exit, from the model: price per collateral unit and value in cents. */
    interface WindUpValuation {
        Money price(String seriesId);

        Money value(String seriesId);
    }

    private final String seriesId;
    private SeriesStatus status;
    private long issued;
    private long outstanding;
    private long burned;
    private final Map<String, long[]> positions = new HashMap<>();

    private StoredFold(String seriesId) {
        this.seriesId = seriesId;
    }

    /** The balances the stream of {@code seriesId} adds up to, or {@code null} for an empty stream. */
    static SeriesBalances fold(String seriesId, List<? extends DomainEventMessage<?>> events,
                               WindUpValuation valuation) {
        if (events.isEmpty()) {
            return null;
        }
        StoredFold fold = new StoredFold(seriesId);
        for (int i = 0; i < events.size(); i++) {
            DomainEventMessage<?> event = events.get(i);
            String where = seriesId + " event #" + i + " " + event.getPayload();
            check(seriesId.equals(event.getAggregateIdentifier()), where, "belongs to another aggregate: "
                    + event.getAggregateIdentifier());
            check(event.getSequenceNumber() == i, where, "has sequence number " + event.getSequenceNumber());
            check((i == 0) == (event.getPayload() instanceof TokenIssued), where,
                    "a series' stream starts with its issuance, and only there");
            fold.apply(event.getPayload(), where, valuation);
            fold.checkConservation(where);
        }
        return fold.balances();
    }

    private void apply(Object event, String where, WindUpValuation valuation) {
        if (event instanceof TokenIssued e) {
            status = SeriesStatus.PENDING_VERIFICATION;
            issued = e.computeRights().value();
            outstanding = issued;
            position(e.issuer().value())[0] += issued;
        } else if (event instanceof IssuanceVerified) {
            check(status == SeriesStatus.PENDING_VERIFICATION, where, "verifies a series that is " + status);
            status = SeriesStatus.ACTIVE;
        } else if (event instanceof UnitsTransferred e) {
            requireActive(where);
            position(e.from().value())[0] -= e.amount().value();
            position(e.to().value())[0] += e.amount().value();
        } else if (event instanceof UnitsPledged e) {
            requireActive(where);
            position(e.pledger().value())[0] -= e.amount().value();
            position(e.pledger().value())[1] += e.amount().value();
        } else if (event instanceof PledgeReleased e) {
            requireActive(where);
            position(e.pledger().value())[1] -= e.amount().value();
            position(e.pledger().value())[0] += e.amount().value();
        } else if (event instanceof PledgeSeized e) {
            requireActive(where);
            position(e.pledger().value())[1] -= e.amount().value();
            position(e.pledgee().value())[0] += e.amount().value();
        } else if (event instanceof UnitsBurned e) {
            requireActive(where);
            position(e.holder().value())[0] -= e.amount().value();
            outstanding -= e.amount().value();
            burned += e.amount().value();
        } else if (event instanceof SeriesFlagged e) {
            check(status != SeriesStatus.WORTHLESS && status != SeriesStatus.WOUND_UP, where,
                    "flags a series already settled");
            status = e.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP;
        } else if (event instanceof SeriesWoundUp e) {
            check(status == SeriesStatus.WOUND_UP, where, "winds up a series that is " + status);
            checkWindUp(e, where, valuation);
            positions.clear();
            outstanding -= e.unitsBurned().value();
            burned += e.unitsBurned().value();
        } else {
            throw new AssertionError(where + ": an event of unexpected type in a series' stream");
        }
    }

    private void requireActive(String where) {
        check(status == SeriesStatus.ACTIVE, where, "moves units of a series that is " + status);
    }

    private void checkWindUp(SeriesWoundUp e, String where, WindUpValuation valuation) {
        check(e.unitsBurned().value() == outstanding, where, "burns " + e.unitsBurned() + " but "
                + outstanding + " were outstanding");
        Map<String, Long> held = new TreeMap<>();
        positions.forEach((holder, position) -> {
            if (position[0] + position[1] != 0) {
                held.put(holder, position[0] + position[1]);
            }
        });
        Map<String, Long> claimed = new TreeMap<>();
        BigDecimal claimedValue = BigDecimal.ZERO;
        for (CollateralClaim claim : e.claims()) {
            claimed.merge(claim.holder().value(), claim.units().value(), Long::sum);
            claimedValue = claimedValue.add(claim.claim().amount());
        }
        check(claimed.equals(held), where, "claims " + claimed + " but the holders held " + held);
        if (!held.isEmpty()) {
            check(claimedValue.compareTo(e.collateralValue().amount()) == 0, where,
                    "claims add up to " + claimedValue + ", not to the collateral value " + e.collateralValue());
        }
        check(e.collateralPrice().equals(valuation.price(seriesId)), where,
                "valued at " + e.collateralPrice() + ", not at the latest price " + valuation.price(seriesId));
        check(e.collateralValue().equals(valuation.value(seriesId)), where,
                "collateral value " + e.collateralValue() + ", not " + valuation.value(seriesId));
    }

    private void checkConservation(String where) {
        long held = 0;
        for (Map.Entry<String, long[]> entry : positions.entrySet()) {
            long[] position = entry.getValue();
            check(position[0] >= 0 && position[1] >= 0, where, entry.getKey() + " has a negative balance: available "
                    + position[0] + ", pledged " + position[1]);
            held = Math.addExact(held, Math.addExact(position[0], position[1]));
        }
        check(outstanding >= 0 && burned >= 0, where, "negative supply: outstanding " + outstanding
                + ", burned " + burned);
        check(held == outstanding, where, "Σ(available + pledged) = " + held + " but outstanding = " + outstanding);
        check(Math.addExact(outstanding, burned) == issued, where,
                "outstanding " + outstanding + " + burned " + burned + " != issued " + issued);
    }

    private long[] position(String holder) {
        return positions.computeIfAbsent(holder, h -> new long[2]);
    }

    private SeriesBalances balances() {
        Map<String, SeriesBalances.Position> nonEmpty = new TreeMap<>();
        positions.forEach((holder, position) -> {
            if (position[0] != 0 || position[1] != 0) {
                nonEmpty.put(holder, new SeriesBalances.Position(position[0], position[1]));
            }
        });
        return new SeriesBalances(status, issued, outstanding, burned, nonEmpty);
    }

    private static void check(boolean condition, String where, String broken) {
        if (!condition) {
            throw new AssertionError(where + ": " + broken);
        }
    }
}
