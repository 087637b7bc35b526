package org.ctl.query.governance;

import static org.ctl.query.shared.Columns.instant;
import static org.ctl.query.shared.Columns.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.poll.FindPoll;
import org.ctl.domain.governance.poll.FindPolls;
import org.ctl.domain.governance.poll.PollClosed;
import org.ctl.domain.governance.poll.PollId;
import org.ctl.domain.governance.poll.PollOpened;
import org.ctl.domain.governance.poll.PollOutcome;
import org.ctl.domain.governance.poll.PollStatus;
import org.ctl.domain.governance.poll.PollTally;
import org.ctl.domain.governance.poll.PollView;
import org.ctl.domain.governance.poll.PollVote;
import org.ctl.domain.governance.poll.VoteCast;
import org.ctl.domain.shared.HolderId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every governance poll ({@code poll_view}) and each member's current vote ({@code poll_vote}); the tally of an
 * open poll is counted from the current votes, a closed poll's is the one its close recorded. Answers
 * {@link FindPoll} and {@link FindPolls}.
 */
@Component
@ProcessingGroup(PollProjection.PROCESSING_GROUP)
@AllowReplay
public class PollProjection {

    /** The processing group (and processor) name of this projection. */
    public static final String PROCESSING_GROUP = "polls";

    private final JdbcTemplate jdbc;

    public PollProjection(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
    }

    @EventHandler
    void on(PollOpened event, @Timestamp Instant occurredAt) {
        jdbc.update("""
                INSERT INTO poll_view (poll_id, opened_by, opened_at, closes_at, quorum, status, hard_stop,
                    graceful_exit, hybrid, outcome, adopted)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, NULL, NULL)""",
                event.pollId().value(), event.openedBy().value(), timestamp(occurredAt), timestamp(event.closesAt()),
                event.quorum(), PollStatus.OPEN.name());
    }

    @EventHandler
    void on(VoteCast event, @Timestamp Instant occurredAt) {
        String poll = event.pollId().value();
        if (event.replaced() == null) {
            jdbc.update("INSERT INTO poll_vote (poll_id, member, policy, cast_at) VALUES (?, ?, ?, ?)",
                    poll, event.member().value(), event.policy().name(), timestamp(occurredAt));
        } else {
            jdbc.update("UPDATE poll_vote SET policy = ?, cast_at = ? WHERE poll_id = ? AND member = ?",
                    event.policy().name(), timestamp(occurredAt), poll, event.member().value());
        }
        PollTally tally = PollTally.of(jdbc.queryForList("SELECT policy FROM poll_vote WHERE poll_id = ?",
                String.class, poll).stream().map(GovernancePolicy::valueOf).toList());
        writeTally(poll, tally);
    }

    @EventHandler
    void on(PollClosed event) {
        String poll = event.pollId().value();
        writeTally(poll, event.tally());
        jdbc.update("UPDATE poll_view SET status = ?, outcome = ?, adopted = ? WHERE poll_id = ?",
                PollStatus.CLOSED.name(), event.outcome().name(),
                event.adopted() == null ? null : event.adopted().name(), poll);
    }

    private void writeTally(String poll, PollTally tally) {
        jdbc.update("UPDATE poll_view SET hard_stop = ?, graceful_exit = ?, hybrid = ? WHERE poll_id = ?",
                tally.hardStop(), tally.gracefulExit(), tally.hybrid(), poll);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM poll_vote");
        jdbc.update("DELETE FROM poll_view");
    }

    @QueryHandler
    Optional<PollView> handle(FindPoll query) {
        String poll = query.pollId().value();
        List<PollVote> votes = jdbc.query("SELECT * FROM poll_vote WHERE poll_id = ? ORDER BY member",
                (row, index) -> new PollVote(HolderId.of(row.getString("member")),
                        GovernancePolicy.valueOf(row.getString("policy")), instant(row, "cast_at")), poll);
        return jdbc.query("SELECT * FROM poll_view WHERE poll_id = ?", (row, index) -> poll(row, votes), poll)
                .stream().findFirst();
    }

    @QueryHandler
    List<PollView> handle(FindPolls query) {
        return jdbc.query(
                "SELECT * FROM poll_view ORDER BY opened_at DESC, poll_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (row, index) -> poll(row, List.of()), query.page().offset(), query.page().limit());
    }

    private static PollView poll(ResultSet row, List<PollVote> votes) throws SQLException {
        String outcome = row.getString("outcome");
        String adopted = row.getString("adopted");
        return new PollView(PollId.of(row.getString("poll_id")), HolderId.of(row.getString("opened_by")),
                instant(row, "opened_at"), instant(row, "closes_at"), row.getInt("quorum"),
                PollStatus.valueOf(row.getString("status")),
                new PollTally(row.getInt("hard_stop"), row.getInt("graceful_exit"), row.getInt("hybrid")),
                outcome == null ? null : PollOutcome.valueOf(outcome),
                adopted == null ? null : GovernancePolicy.valueOf(adopted), votes);
    }
}
