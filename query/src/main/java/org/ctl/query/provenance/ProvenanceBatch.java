package org.ctl.query.provenance;

import static org.ctl.query.shared.Columns.timestamp;
import static org.ctl.query.shared.BatchWrites.batchUpdate;
import static org.ctl.query.shared.InLists.inChunks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.shared.BatchWrites;
import org.ctl.query.shared.Display;
import org.ctl.query.shared.SeriesEvents;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The entries (and their parties) that one batch of events adds to the provenance chains, inserted at the end
 * with one JDBC batch per table.
 *
 * <p>An event is recorded only when its sequence number is above the highest one its series has recorded: the
 * entries of a series are recorded in the series' order, with no gap (every series event has an entry, and the
 * dead-letter queue parks every later event of a series behind a parked one), so a lower or equal number is an
 * event seen before.
 */
final class ProvenanceBatch implements BatchWrites {

    /** The series events; each has an entry. */
    static final Set<Class<?>> SERIES_EVENTS = Set.of(TokenIssued.class, IssuanceVerified.class,
            UnitsTransferred.class, UnitsPledged.class, PledgeReleased.class, PledgeSeized.class, UnitsBurned.class,
            SeriesFlagged.class, SeriesWoundUp.class);

    private record Recorded(ProvenanceEntry entry, Set<HolderId> parties) {
    }

    private final JdbcTemplate jdbc;
    /**
     * Per series read: the highest sequence number it has an entry at, or a number below every one this batch
     * holds of it when it has none at or above those.
     */
    private final Map<String, Long> lastRecorded = new HashMap<>();
    private final List<Recorded> recorded = new ArrayList<>();

    ProvenanceBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds an entry and its parties, unless its series has an entry at that sequence number already. */
    void record(ProvenanceEntry entry, List<HolderId> parties) {
        String tokenId = entry.tokenId().value();
        if (!lastRecorded.containsKey(tokenId)) {
            readLastRecorded(List.of(Map.entry(tokenId, entry.sequence())));
        }
        if (entry.sequence() <= lastRecorded.get(tokenId)) {
            return;
        }
        lastRecorded.put(tokenId, entry.sequence());
        recorded.add(new Recorded(entry, new LinkedHashSet<>(parties)));
    }

    /** The actor of the series' flag entry with the given flag id: recorded in this batch or before. */
    HolderId flaggedBy(TokenId tokenId, CommandId flagId) {
        for (int index = recorded.size() - 1; index >= 0; index--) {
            ProvenanceEntry entry = recorded.get(index).entry();
            if (entry.tokenId().equals(tokenId) && ProvenanceProjection.FLAGGED.equals(entry.kind())
                    && flagId.value().equals(entry.reference()) && entry.actor() != null) {
                return entry.actor();
            }
        }
        return jdbc.queryForList("""
                                SELECT actor FROM provenance_entry
                                 WHERE token_id = ? AND kind = ? AND reference = ? AND actor IS NOT NULL""",
                        String.class, tokenId.value(), ProvenanceProjection.FLAGGED, flagId.value())
                .stream().findFirst().map(HolderId::of).orElse(null);
    }

    @Override
    public void preload(List<? extends EventMessage<?>> batch) {
        Map<String, Long> lowest = SeriesEvents.lowestSequences(batch, SERIES_EVENTS);
        inChunks(lowest.entrySet(), this::readLastRecorded);
    }

    @Override
    public void write() {
        List<Object[]> entries = new ArrayList<>(recorded.size());
        List<Object[]> parties = new ArrayList<>(recorded.size() * 2);
        for (Recorded each : recorded) {
            ProvenanceEntry entry = each.entry();
            entries.add(new Object[]{entry.tokenId().value(), entry.sequence(), entry.eventId(),
                    timestamp(entry.occurredAt()), entry.kind(), valueOf(entry.actor()), valueOf(entry.from()),
                    valueOf(entry.to()), entry.amount() == null ? null : entry.amount().value(), entry.reference(),
                    Display.bounded(entry.detail(), ProvenanceProjection.MAX_DETAIL_LENGTH)});
            for (HolderId party : each.parties()) {
                parties.add(new Object[]{party.value(), entry.tokenId().value(), entry.sequence(),
                        timestamp(entry.occurredAt())});
            }
        }
        batchUpdate(jdbc, """
                INSERT INTO provenance_entry (token_id, sequence_number, event_id, occurred_at, kind, actor,
                                              from_holder, to_holder, amount, reference, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries);
        batchUpdate(jdbc, """
                INSERT INTO provenance_party (holder_id, token_id, sequence_number, occurred_at)
                VALUES (?, ?, ?, ?)""", parties);
    }

    /**
     * Reads, for each series, the highest sequence number recorded at or above the lowest one of this batch: when
     * there is one, it is the series' highest of all; when there is none, every event of the batch is above the
     * series' entries. Only the rows from the batch's lowest number on are read, through the primary key, one series
     * at a time (a subquery per series: H2 and PostgreSQL both plan it as a lookup in the key). The highest number of
     * a whole series takes H2 a scan of all its entries (it reads an index only forwards), and a hot series has
     * millions: the benchmark's hot series spent half of the ledger's CPU there.
     */
    private void readLastRecorded(List<Map.Entry<String, Long>> lowestByTokenId) {
        List<Object> parameters = new ArrayList<>(lowestByTokenId.size() * 2);
        for (Map.Entry<String, Long> lowest : lowestByTokenId) {
            lastRecorded.put(lowest.getKey(), lowest.getValue() - 1);
            parameters.add(lowest.getKey());
            parameters.add(lowest.getValue());
        }
        String rows = String.join(", ", Collections.nCopies(lowestByTokenId.size(),
                "(CAST(? AS VARCHAR(64)), CAST(? AS BIGINT))"));
        jdbc.query("""
                        SELECT batch.token_id,
                               (SELECT MAX(e.sequence_number) FROM provenance_entry e
                                 WHERE e.token_id = batch.token_id AND e.sequence_number >= batch.lowest) AS last_sequence
                          FROM (VALUES %s) AS batch (token_id, lowest)""".formatted(rows),
                row -> {
                    long last = row.getLong("last_sequence");
                    if (!row.wasNull()) {
                        lastRecorded.put(row.getString("token_id"), last);
                    }
                }, parameters.toArray());
    }

    private static String valueOf(HolderId holder) {
        return holder == null ? null : holder.value();
    }
}
