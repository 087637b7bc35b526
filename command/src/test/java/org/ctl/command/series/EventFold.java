package org.ctl.command.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
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
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * Folds the events read back from the event store into balances, on its own (neither the aggregate nor the
 * reference model is involved), and checks after every single event that the series it touched conserves its
 * units: no negative balance, outstanding = Σ (available + pledged), issued = outstanding + burned.
 */
final class EventFold {

    private final Map<String, Supply> series = new TreeMap<>();

    private EventFold() {
    }

    /** The balances of every series the events issued. */
    static Map<String, SeriesBalances> fold(List<? extends EventMessage<?>> events) {
        EventFold fold = new EventFold();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i).getPayload();
            String touched = fold.apply(event, i);
            if (touched != null) {
                int index = i;
                fold.series.get(touched).checkConservation(() -> "after event #" + index + " " + event);
            }
        }
        Map<String, SeriesBalances> balances = new TreeMap<>();
        fold.series.forEach((id, supply) -> balances.put(id, supply.balances()));
        return balances;
    }

    /** Applies one event; returns the id of the series it touched, if any. */
    private String apply(Object event, int index) {
        if (event instanceof TokenIssued e) {
            if (series.containsKey(e.tokenId().value())) {
                throw new AssertionError("event #" + index + " issues " + e.tokenId() + " a second time");
            }
            Supply supply = new Supply();
            supply.issued = e.computeRights().value();
            supply.outstanding = supply.issued;
            supply.position(e.issuer().value()).available += supply.issued;
            series.put(e.tokenId().value(), supply);
            return e.tokenId().value();
        }
        if (event instanceof PricePublished) {
            return null;
        }
        String tokenId = tokenIdOf(event);
        Supply supply = series.get(tokenId);
        if (supply == null) {
            throw new AssertionError("event #" + index + " " + event + " concerns a series never issued");
        }
        if (event instanceof IssuanceVerified) {
            supply.status = SeriesStatus.ACTIVE;
        } else if (event instanceof UnitsTransferred e) {
            supply.position(e.from().value()).available -= e.amount().value();
            supply.position(e.to().value()).available += e.amount().value();
        } else if (event instanceof UnitsPledged e) {
            supply.position(e.pledger().value()).available -= e.amount().value();
            supply.position(e.pledger().value()).pledged += e.amount().value();
        } else if (event instanceof PledgeReleased e) {
            supply.position(e.pledger().value()).pledged -= e.amount().value();
            supply.position(e.pledger().value()).available += e.amount().value();
        } else if (event instanceof PledgeSeized e) {
            supply.position(e.pledger().value()).pledged -= e.amount().value();
            supply.position(e.pledgee().value()).available += e.amount().value();
        } else if (event instanceof UnitsBurned e) {
            supply.position(e.holder().value()).available -= e.amount().value();
            supply.outstanding -= e.amount().value();
            supply.burned += e.amount().value();
        } else if (event instanceof SeriesFlagged e) {
            supply.status = e.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP;
        } else if (event instanceof SeriesWoundUp e) {
            checkClaims(supply, e, index);
            supply.positions.clear();
            supply.outstanding -= e.unitsBurned().value();
            supply.burned += e.unitsBurned().value();
        } else {
            throw new AssertionError("event #" + index + " of unexpected type: " + event);
        }
        return tokenId;
    }

    /** A graceful exit burns exactly what is outstanding, holder by holder, and splits exactly the value. */
    private static void checkClaims(Supply supply, SeriesWoundUp e, int index) {
        assertThat(e.unitsBurned().value()).as("event #%d burns all outstanding units", index)
                .isEqualTo(supply.outstanding);
        Map<String, Long> held = new TreeMap<>();
        supply.positions.forEach((holder, position) -> {
            if (position.available + position.pledged != 0) {
                held.put(holder, position.available + position.pledged);
            }
        });
        Map<String, Long> claimed = new TreeMap<>();
        BigDecimal claimedValue = BigDecimal.ZERO;
        for (CollateralClaim claim : e.claims()) {
            claimed.merge(claim.holder().value(), claim.units().value(), Long::sum);
            claimedValue = claimedValue.add(claim.claim().amount());
        }
        assertThat(claimed).as("event #%d gives each holder a claim for the units it held", index)
                .isEqualTo(held);
        if (!held.isEmpty()) {
            assertThat(claimedValue).as("event #%d claims add up to the collateral value", index)
                    .isEqualByComparingTo(e.collateralValue().amount());
        }
    }

    private static String tokenIdOf(Object event) {
        if (event instanceof IssuanceVerified e) {
            return e.tokenId().value();
        } else if (event instanceof UnitsTransferred e) {
            return e.tokenId().value();
        } else if (event instanceof UnitsPledged e) {
            return e.tokenId().value();
        } else if (event instanceof PledgeReleased e) {
            return e.tokenId().value();
        } else if (event instanceof PledgeSeized e) {
            return e.tokenId().value();
        } else if (event instanceof UnitsBurned e) {
            return e.tokenId().value();
        } else if (event instanceof SeriesFlagged e) {
            return e.tokenId().value();
        } else if (event instanceof SeriesWoundUp e) {
            return e.tokenId().value();
        }
        throw new AssertionError("event of unexpected type: " + event);
    }

    /** One series as the fold sees it. */
    private static final class Supply {
        SeriesStatus status = SeriesStatus.PENDING_VERIFICATION;
        long issued;
        long outstanding;
        long burned;
        final Map<String, Position> positions = new HashMap<>();

        Position position(String holder) {
            return positions.computeIfAbsent(holder, h -> new Position());
        }

        /** Checks the invariants; {@code when} names the event, and is only rendered when one is broken. */
        void checkConservation(Supplier<String> when) {
            long held = 0;
            for (Map.Entry<String, Position> entry : positions.entrySet()) {
                Position position = entry.getValue();
                if (position.available < 0 || position.pledged < 0) {
                    fail(when, entry.getKey() + " has a negative balance: available " + position.available
                            + ", pledged " + position.pledged);
                }
                held = Math.addExact(held, Math.addExact(position.available, position.pledged));
            }
            if (outstanding < 0 || burned < 0) {
                fail(when, "negative supply: outstanding " + outstanding + ", burned " + burned);
            }
            if (held != outstanding) {
                fail(when, "Σ(available + pledged) = " + held + " but outstanding = " + outstanding);
            }
            if (Math.addExact(outstanding, burned) != issued) {
                fail(when, "outstanding " + outstanding + " + burned " + burned + " != issued " + issued);
            }
        }

        private void fail(Supplier<String> when, String broken) {
            throw new AssertionError(when.get() + ": " + broken + "; positions " + balances().positions());
        }

        SeriesBalances balances() {
            Map<String, SeriesBalances.Position> nonEmpty = new TreeMap<>();
            positions.forEach((holder, position) -> {
                if (position.available != 0 || position.pledged != 0) {
                    nonEmpty.put(holder, new SeriesBalances.Position(position.available, position.pledged));
                }
            });
            return new SeriesBalances(status, issued, outstanding, burned, nonEmpty);
        }
    }

    private static final class Position {
        long available;
        long pledged;
    }
}
