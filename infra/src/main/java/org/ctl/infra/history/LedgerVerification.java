package org.ctl.infra.history;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.history.InvariantBreach;
import org.ctl.domain.history.LedgerHistory;
import org.ctl.domain.history.SeriesHistory;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.projection.ProjectionReplay;
import org.ctl.infra.projection.ReplayInProgress;
import org.ctl.query.provenance.ProvenanceProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The independent verification of an audit: re-derives every series from its raw events in a fresh
 * {@link LedgerHistory} (no aggregate, no projection involved), checks every invariant of the ledger at every
 * event, and compares the result with the live read models, table by table: {@code series_summary},
 * {@code market_price}, {@code balance_series}, {@code holding} and {@code provenance_entry} (each entry's event id,
 * kind, parties, amount and reference against the event at its sequence number).
 *
 * <p>The run verifies the ledger up to the head it finds when it begins, once every projection has processed the
 * stream that far. A series or feed whose read model has moved past that head meanwhile is listed as moved, not
 * compared. It refuses to run while a projection is being rebuilt: a half-rebuilt read model would differ
 * everywhere.
 */
@Component
public class LedgerVerification {

    private final EventHistory history;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ProjectionReplay replay;
    private final ProjectionProgress progress;
    private final Clock clock = Clock.systemUTC();

    public LedgerVerification(EventHistory history, EventStore eventStore, JdbcTemplate jdbc,
                              ProjectionReplay replay, ProjectionProgress progress) {
        this.history = history;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.replay = replay;
        this.progress = progress;
    }

    /**
     * Runs the verification.
     *
     * @throws ReplayInProgress when a projection is being rebuilt
     */
    public VerificationReport verify() {
        Instant startedAt = clock.instant();
        requireNoReplay();
        long head = history.head();
        progress.awaitPosition(head < 0 ? OptionalLong.empty() : OptionalLong.of(head),
                replay.groups().toArray(String[]::new));
        LedgerHistory ledger = history.ledgerUpTo(head);
        Findings findings = new Findings();
        compareSeries(ledger, findings);
        comparePrices(ledger, findings);
        compareBalances(ledger, findings);
        compareProvenance(ledger, findings);
        requireNoReplay();
        List<InvariantBreach> breaches = ledger.breaches();
        return new VerificationReport(breaches.isEmpty() && findings.differences.isEmpty(), head,
                ledger.eventsFolded(), ledger.allSeries().size(),
                List.copyOf(breaches.subList(0, Math.min(breaches.size(), VerificationReport.MAX_LISTED))),
                breaches.size(),
                List.copyOf(findings.differences.subList(0, Math.min(findings.differences.size(),
                        VerificationReport.MAX_LISTED))),
                findings.differences.size(), List.copyOf(findings.moved), startedAt, clock.instant());
    }

    private void requireNoReplay() {
        List<String> replaying = replay.replaying(replay.groups().toArray(String[]::new));
        if (!replaying.isEmpty()) {
            throw new ReplayInProgress(replaying, "projection " + String.join(", ", replaying)
                    + " is being rebuilt; verify when it has caught up");
        }
    }

    /** What the run found, in the order found. */
    private static final class Findings {
        final List<Difference> differences = new ArrayList<>();
        final Set<String> moved = new TreeSet<>();

        void compare(String table, String series, String holder, String field, Object expected, Object found) {
            if (!same(expected, found)) {
                differences.add(new Difference(table, series, holder, field, text(expected), text(found)));
            }
        }

        private static boolean same(Object expected, Object found) {
            if (expected instanceof BigDecimal left && found instanceof BigDecimal right) {
                return left.compareTo(right) == 0;
            }
            return Objects.equals(expected, found);
        }

        private static String text(Object value) {
            if (value instanceof BigDecimal decimal) {
                return decimal.stripTrailingZeros().toPlainString();
            }
            return value == null ? null : value.toString();
        }
    }

    private void compareSeries(LedgerHistory ledger, Findings findings) {
        Map<String, Map<String, Object>> rows = rowsBy("SELECT * FROM series_summary", "token_id");
        for (SeriesHistory series : ledger.allSeries()) {
            String id = series.tokenId().value();
            Map<String, Object> row = rows.remove(id);
            if (row == null) {
                findings.compare("series_summary", id, null, "row", "present", null);
                continue;
            }
            if (moved(row, series, findings)) {
                continue;
            }
            String table = "series_summary";
            findings.compare(table, id, null, "issuer", series.issuer().value(), row.get("issuer"));
            findings.compare(table, id, null, "compute_unit", series.computeUnit(), row.get("compute_unit"));
            findings.compare(table, id, null, "status", series.status().name(), row.get("status"));
            findings.compare(table, id, null, "policy", series.policy().name(), row.get("policy"));
            findings.compare(table, id, null, "issued", series.issued(), number(row.get("issued")));
            findings.compare(table, id, null, "outstanding", series.outstanding(), number(row.get("outstanding")));
            findings.compare(table, id, null, "burned", series.burned(), number(row.get("burned")));
            findings.compare(table, id, null, "collateral_id", series.collateral().collateralId(),
                    row.get("collateral_id"));
            findings.compare(table, id, null, "collateral_unit", series.collateral().unit(),
                    row.get("collateral_unit"));
            findings.compare(table, id, null, "qubits", series.collateral().qubits().value(),
                    number(row.get("qubits")));
            findings.compare(table, id, null, "price_per_compute_right", series.pricePerComputeRight().amount(),
                    row.get("price_per_compute_right"));
            findings.compare(table, id, null, "qubit_price", series.collateral().qubitPrice().amount(),
                    row.get("qubit_price"));
            findings.compare(table, id, null, "verified_by",
                    series.verifiedBy() == null ? null : series.verifiedBy().value(), row.get("verified_by"));
            findings.compare(table, id, null, "last_sequence", series.lastSequence(),
                    number(row.get("last_sequence")));
        }
        rows.keySet().forEach(id -> findings.compare("series_summary", id, null, "row", null, "present"));
    }

    private void comparePrices(LedgerHistory ledger, Findings findings) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        jdbc.queryForList("SELECT * FROM market_price").forEach(row -> rows.put(row.get("kind") + ":"
                + row.get("unit"), row));
        for (Map.Entry<PriceFeedId, Money> latest : ledger.latestPrices().entrySet()) {
            PriceFeedId feed = latest.getKey();
            String id = feed.kind() + ":" + feed.unit();
            Map<String, Object> row = rows.remove(id);
            if (row == null) {
                findings.compare("market_price", id, null, "row", "present", null);
                continue;
            }
            long sequence = ledger.latestPriceSequence(feed).orElseThrow();
            if (number(row.get("feed_sequence")) > sequence) {
                findings.moved.add(feed.toString());
                continue;
            }
            findings.compare("market_price", id, null, "price", latest.getValue().amount(), row.get("price"));
            findings.compare("market_price", id, null, "feed_sequence", sequence, number(row.get("feed_sequence")));
        }
        rows.keySet().forEach(id -> findings.compare("market_price", id, null, "row", null, "present"));
    }

    private void compareBalances(LedgerHistory ledger, Findings findings) {
        Map<String, Map<String, Object>> seriesRows = rowsBy("SELECT * FROM balance_series", "token_id");
        Map<String, Map<String, Map<String, Object>>> holdings = new HashMap<>();
        jdbc.queryForList("SELECT * FROM holding").forEach(row -> holdings
                .computeIfAbsent((String) row.get("token_id"), id -> new TreeMap<>())
                .put((String) row.get("holder_id"), row));
        for (SeriesHistory series : ledger.allSeries()) {
            String id = series.tokenId().value();
            Map<String, Object> row = seriesRows.remove(id);
            Map<String, Map<String, Object>> held = holdings.remove(id);
            if (row == null) {
                findings.compare("balance_series", id, null, "row", "present", null);
                continue;
            }
            if (moved(row, series, findings)) {
                continue;
            }
            findings.compare("balance_series", id, null, "status", series.status().name(), row.get("status"));
            findings.compare("balance_series", id, null, "compute_unit", series.computeUnit(),
                    row.get("compute_unit"));
            findings.compare("balance_series", id, null, "price_per_compute_right",
                    series.pricePerComputeRight().amount(), row.get("price_per_compute_right"));
            findings.compare("balance_series", id, null, "last_sequence", series.lastSequence(),
                    number(row.get("last_sequence")));
            Map<String, Map<String, Object>> found = held == null ? new TreeMap<>() : held;
            series.positions().forEach((holder, position) -> {
                Map<String, Object> holding = found.remove(holder);
                if (holding == null) {
                    findings.compare("holding", id, holder, "row", "present", null);
                    return;
                }
                findings.compare("holding", id, holder, "available", position.available(),
                        number(holding.get("available")));
                findings.compare("holding", id, holder, "pledged", position.pledged(),
                        number(holding.get("pledged")));
            });
            found.keySet().forEach(holder -> findings.compare("holding", id, holder, "row", null, "present"));
        }
        seriesRows.keySet().forEach(id -> findings.compare("balance_series", id, null, "row", null, "present"));
        holdings.forEach((id, rows) -> rows.keySet().forEach(holder ->
                findings.compare("holding", id, holder, "row", null, "present")));
    }

    /**
     * Reads each series' stream again, one series at a time (so that no more than one series' events are held),
     * and compares each event with the provenance entry at its sequence number.
     */
    private void compareProvenance(LedgerHistory ledger, Findings findings) {
        for (SeriesHistory series : ledger.allSeries()) {
            String id = series.tokenId().value();
            if (findings.moved.contains(id)) {
                continue;
            }
            Map<Long, Map<String, Object>> entries = new TreeMap<>();
            jdbc.queryForList("SELECT * FROM provenance_entry WHERE token_id = ? AND sequence_number <= ?", id,
                    series.lastSequence()).forEach(row -> entries.put(number(row.get("sequence_number")), row));
            DomainEventStream events = eventStore.readEvents(id, 0);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getSequenceNumber() > series.lastSequence()) {
                    break;
                }
                Map<String, Object> entry = entries.remove(event.getSequenceNumber());
                String field = "sequence " + event.getSequenceNumber();
                if (entry == null) {
                    findings.compare("provenance_entry", id, null, field, "present", null);
                    continue;
                }
                Map<String, Object> expected = expectedEntry(event);
                expected.forEach((column, value) -> findings.compare("provenance_entry", id, null,
                        field + " " + column, value, column.equals("amount") && entry.get(column) != null
                                ? (Object) number(entry.get(column)) : entry.get(column)));
            }
            entries.keySet().forEach(sequence -> findings.compare("provenance_entry", id, null,
                    "sequence " + sequence, null, "present"));
        }
    }

    /** The columns of the provenance entry an event makes, as {@link ProvenanceProjection} writes them. */
    private static Map<String, Object> expectedEntry(DomainEventMessage<?> message) {
        Object event = message.getPayload();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("event_id", message.getIdentifier());
        if (event instanceof TokenIssued e) {
            put(entry, ProvenanceProjection.ISSUED, null, e.issuer().value(), e.computeRights().value(), null);
        } else if (event instanceof IssuanceVerified) {
            put(entry, ProvenanceProjection.VERIFIED, null, null, null, null);
        } else if (event instanceof UnitsTransferred e) {
            put(entry, ProvenanceProjection.TRANSFERRED, e.from().value(), e.to().value(), e.amount().value(),
                    e.transferId().value());
        } else if (event instanceof UnitsPledged e) {
            put(entry, ProvenanceProjection.PLEDGED, e.pledger().value(), e.pledgee().value(), e.amount().value(),
                    e.pledgeId().value());
        } else if (event instanceof PledgeReleased e) {
            put(entry, ProvenanceProjection.PLEDGE_RELEASED, e.pledger().value(), e.pledgee().value(),
                    e.amount().value(), e.pledgeId().value());
        } else if (event instanceof PledgeSeized e) {
            put(entry, ProvenanceProjection.PLEDGE_SEIZED, e.pledger().value(), e.pledgee().value(),
                    e.amount().value(), e.pledgeId().value());
        } else if (event instanceof UnitsBurned e) {
            put(entry, ProvenanceProjection.BURNED, e.holder().value(), null, e.amount().value(),
                    e.burnId().value());
        } else if (event instanceof SeriesFlagged e) {
            put(entry, ProvenanceProjection.FLAGGED, null, null, null, e.flagId().value());
        } else if (event instanceof SeriesWoundUp e) {
            put(entry, ProvenanceProjection.WOUND_UP, null, null, e.unitsBurned().value(), e.flagId().value());
        } else {
            entry.put("kind", "(an event of type " + event.getClass().getSimpleName() + ")");
        }
        return entry;
    }

    private static void put(Map<String, Object> entry, String kind, String from, String to, Long amount,
                            String reference) {
        entry.put("kind", kind);
        entry.put("from_holder", from);
        entry.put("to_holder", to);
        entry.put("amount", amount);
        entry.put("reference", reference);
    }

    /** A series whose read model has seen events after the verified head: listed, compared no further. */
    private static boolean moved(Map<String, Object> row, SeriesHistory series, Findings findings) {
        if (number(row.get("last_sequence")) > series.lastSequence()) {
            findings.moved.add(series.tokenId().value());
            return true;
        }
        return false;
    }

    private Map<String, Map<String, Object>> rowsBy(String sql, String key) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        jdbc.queryForList(sql).forEach(row -> rows.put((String) row.get(key), row));
        return rows;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
