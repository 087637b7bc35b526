package org.ctl.infra.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.ctl.command.series.AcceptedCommand;
import org.ctl.command.series.AcceptedCommandLog;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger's {@link AcceptedCommandLog}: table {@code accepted_command}, one row per command a series accepted,
 * written by the write side's subscribing processor in the same transaction as the events (one JDBC batch per
 * commit), so that a series asking about an id it let go finds every command committed before.
 *
 * <p>Commands that commit together (a group commit) are written together at the group's commit. A series keeps
 * many more recent commands than a group holds, so it finds a repeat within its group among them; should it not,
 * the table's primary key refuses the second acceptance and with it the group, whose commands then run alone.
 */
@Component
@ProcessingGroup(WriteSideLookups.PROCESSING_GROUP)
public class AcceptedCommandTable implements AcceptedCommandLog {

    private final JdbcTemplate jdbc;

    public AcceptedCommandTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence) {
        record(event.tokenId(), event, sequence);
    }

    @EventHandler
    void on(UnitsPledged event, @SequenceNumber long sequence) {
        record(event.tokenId(), event, sequence);
    }

    @EventHandler
    void on(UnitsBurned event, @SequenceNumber long sequence) {
        record(event.tokenId(), event, sequence);
    }

    @EventHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence) {
        record(event.tokenId(), event, sequence);
    }

    /** A flag that winds the series up ends with the wind-up: its repeat answers with the wind-up's sequence. */
    @EventHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence) {
        pendingRows().flush();
        jdbc.update("UPDATE accepted_command SET sequence_number = ? WHERE token_id = ? AND command_key = ?",
                sequence, event.tokenId().value(), AcceptedCommand.flagKey(event.flagId()));
    }

    @Override
    public Optional<AcceptedCommand> find(TokenId series, String key) {
        return jdbc.query("""
                        SELECT content, sequence_number FROM accepted_command WHERE token_id = ? AND command_key = ?""",
                (row, rowNumber) -> new AcceptedCommand(key, row.getString("content"), row.getLong("sequence_number")),
                series.value(), key).stream().findFirst();
    }

    private void record(TokenId series, Object event, long sequence) {
        AcceptedCommand command = AcceptedCommand.acceptedBy(event, sequence).orElseThrow();
        pendingRows().add(new Object[]{series.value(), command.key(), command.content(), command.sequence()});
    }

    /**
     * The rows of the events handled so far in this unit of work: the subscribing processor handles all the events
     * of a commit (a whole group commit) in one, and they are inserted in one JDBC batch before it commits.
     */
    private PendingRows pendingRows() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PendingRows.class.getName(), key -> {
            PendingRows rows = new PendingRows();
            unitOfWork.onPrepareCommit(committing -> rows.flush());
            return rows;
        });
    }

    private final class PendingRows {

        private final List<Object[]> rows = new ArrayList<>();

        void add(Object[] row) {
            rows.add(row);
        }

        void flush() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO accepted_command (token_id, command_key, content, sequence_number)
                        VALUES (?, ?, ?, ?)""", rows);
                rows.clear();
            }
        }
    }
}
