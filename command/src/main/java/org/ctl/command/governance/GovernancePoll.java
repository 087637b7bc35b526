package org.ctl.command.governance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.ctl.domain.shared.RuleViolation.require;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.poll.CastVote;
import org.ctl.domain.governance.poll.GovernanceMembers;
import org.ctl.domain.governance.poll.OpenPoll;
import org.ctl.domain.governance.poll.PollClosed;
import org.ctl.domain.governance.poll.PollId;
import org.ctl.domain.governance.poll.PollOpened;
import org.ctl.domain.governance.poll.PollOutcome;
import org.ctl.domain.governance.poll.PollTally;
import org.ctl.domain.governance.poll.VoteCast;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;

/**
 * A governance poll over the ledger-wide default policy (the seed asks its readers to vote between Hard Stop,
 * Graceful Exit and Hybrid): registered members open it with a closing instant and vote, once each (a changed
 * vote replaces the earlier one until the close); at the closing instant a deadline closes it and
 * {@link PollTally} decides. An adopted policy becomes the default of later issuances through
 * {@code IssuanceRules#policyFor}.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class GovernancePoll {

    /** The longest a poll may stay open. */
    public static final Duration LONGEST_POLL = Duration.ofDays(90);
    /** The name of the deadline at the closing instant. */
    public static final String CLOSES = "pollCloses";

    @AggregateIdentifier
    private PollId pollId;
    private HolderId openedBy;
    private Instant closesAt;
    private int quorum;
    private boolean closed;
    /** Member to current vote. */
    private Map<String, GovernancePolicy> votes = new HashMap<>();
    /** Member to the sequence of the event of its current vote, for a repeated vote's answer. */
    private Map<String, Long> voteSequences = new HashMap<>();

    protected GovernancePoll() {
        // Axon builds the aggregate from its events through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandReceipt handle(OpenPoll command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          GovernanceMembers members, DeadlineManager deadlineManager) {
        HolderId actor = requireMember(principal, members);
        if (pollId != null) {
            require(actor.equals(openedBy) && closesAt.equals(command.closesAt()),
                    RuleCode.ID_REUSED_WITH_OTHER_CONTENT, "poll " + pollId.value() + " was opened before otherwise");
            return repeatedAt(0);
        }
        Instant now = now();
        require(command.closesAt().isAfter(now), RuleCode.INSTANT_NOT_IN_FUTURE,
                "closesAt " + command.closesAt() + " is not after now (" + now + ")");
        require(!command.closesAt().isAfter(now.plus(LONGEST_POLL)), RuleCode.TERM_TOO_LONG,
                "closesAt " + command.closesAt() + " is more than " + LONGEST_POLL.toDays() + " days ahead");
        apply(new PollOpened(command.pollId(), actor, command.closesAt(), members.quorum()));
        deadlineManager.schedule(command.closesAt(), CLOSES);
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(CastVote command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          GovernanceMembers members) {
        HolderId member = requireMember(principal, members);
        require(!closed && now().isBefore(closesAt), RuleCode.POLL_CLOSED,
                "poll " + pollId.value() + " closed at " + closesAt);
        GovernancePolicy earlier = votes.get(member.value());
        if (earlier == command.policy()) {
            return repeatedAt(voteSequences.get(member.value()));
        }
        apply(new VoteCast(pollId, member, command.policy(), earlier));
        return accepted();
    }

    /** The closing instant has come: the tally of the current votes decides. */
    @DeadlineHandler(deadlineName = CLOSES)
    void close() {
        if (closed) {
            return;
        }
        PollTally tally = PollTally.of(votes.values());
        PollOutcome outcome = tally.outcome(quorum);
        apply(new PollClosed(pollId, tally, outcome, outcome == PollOutcome.ADOPTED ? tally.winner() : null));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static HolderId requireMember(String principal, GovernanceMembers members) {
        HolderId actor = ActingPrincipal.require(principal);
        require(members.isMember(actor), RuleCode.NOT_GOVERNANCE_MEMBER, actor + " is not a governance member");
        return actor;
    }

    private CommandReceipt accepted() {
        return new CommandReceipt(pollId.stream(), AggregateLifecycle.getVersion(), false);
    }

    private CommandReceipt repeatedAt(long sequence) {
        return new CommandReceipt(pollId.stream(), sequence, true);
    }

    // --- state changes, from events only ---

    @EventSourcingHandler
    void on(PollOpened event) {
        pollId = event.pollId();
        openedBy = event.openedBy();
        closesAt = event.closesAt();
        quorum = event.quorum();
    }

    @EventSourcingHandler
    void on(VoteCast event, @SequenceNumber long sequence) {
        votes.put(event.member().value(), event.policy());
        voteSequences.put(event.member().value(), sequence);
    }

    @EventSourcingHandler
    void on(PollClosed event) {
        closed = true;
    }
}
