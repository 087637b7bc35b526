package org.ctl.command.governance;

import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.domain.governance.GovernancePolicy.GRACEFUL_EXIT;
import static org.ctl.domain.governance.GovernancePolicy.HARD_STOP;
import static org.ctl.domain.governance.GovernancePolicy.HYBRID;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.ctl.command.series.UnknownSeriesTranslation;
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
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of a governance poll, accepted and refused, as histories; the close by its deadline included. */
class GovernancePollTest {

    private static final PollId POLL = PollId.of("poll-1");
    private static final HolderId ISSUER = HolderId.of("issuer");
    private static final HolderId ORACLE = HolderId.of("oracle");
    private static final HolderId AUDITOR = HolderId.of("auditor");
    private static final HolderId ALICE = HolderId.of("alice");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CLOSES = NOW.plus(Duration.ofHours(1));

    private FixtureConfiguration<GovernancePoll> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWithQuorum(2);
    }

    private static FixtureConfiguration<GovernancePoll> fixtureWithQuorum(int quorum) {
        FixtureConfiguration<GovernancePoll> configured = new AggregateTestFixture<>(GovernancePoll.class);
        configured.registerInjectableResource(new GovernanceMembers(Set.of(ISSUER, ORACLE, AUDITOR), quorum));
        configured.registerCommandHandlerInterceptor(new UnknownSeriesTranslation());
        return configured;
    }

    private static Map<String, String> as(HolderId principal) {
        return Map.of(ActingPrincipal.METADATA_KEY, principal.value());
    }

    private static Object openedByIssuer() {
        return GenericCommandMessage.asCommandMessage(new OpenPoll(POLL, CLOSES)).andMetaData(as(ISSUER));
    }

    private static PollOpened opened() {
        return new PollOpened(POLL, ISSUER, CLOSES, 2);
    }

    @Nested
    class OpenPollCommand {

        @Test
        void aMemberOpensAPollThatClosesByDeadline() {
            fixture.givenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, CLOSES), as(ISSUER))
                    .expectEvents(opened())
                    .expectScheduledDeadlineWithName(CLOSES, GovernancePoll.CLOSES);
        }

        @Test
        void refusesANonMember() {
            fixture.givenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, CLOSES), as(ALICE))
                    .expectException(violates(RuleCode.NOT_GOVERNANCE_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesAClosingInstantNotInTheFutureOrTooFarAhead() {
            fixture.givenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, NOW), as(ISSUER))
                    .expectException(violates(RuleCode.INSTANT_NOT_IN_FUTURE));
            fixture.givenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, NOW.plus(GovernancePoll.LONGEST_POLL).plusSeconds(1)), as(ISSUER))
                    .expectException(violates(RuleCode.TERM_TOO_LONG));
        }

        @Test
        void answersARepeatAndRefusesTheIdWithOtherContent() {
            fixture.given(opened()).andGivenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, CLOSES), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(opened()).andGivenCurrentTime(NOW)
                    .when(new OpenPoll(POLL, CLOSES.plusSeconds(1)), as(ISSUER))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT));
        }
    }

    @Nested
    class CastVoteCommand {

        @Test
        void aMemberVotes() {
            fixture.given(opened()).andGivenCurrentTime(NOW)
                    .when(new CastVote(POLL, HARD_STOP), as(ORACLE))
                    .expectEvents(new VoteCast(POLL, ORACLE, HARD_STOP, null));
        }

        @Test
        void aChangedVoteReplacesTheEarlierOne() {
            fixture.given(opened(), new VoteCast(POLL, ORACLE, HARD_STOP, null)).andGivenCurrentTime(NOW)
                    .when(new CastVote(POLL, HYBRID), as(ORACLE))
                    .expectEvents(new VoteCast(POLL, ORACLE, HYBRID, HARD_STOP));
        }

        @Test
        void theSameVoteAgainIsAHarmlessRepeat() {
            fixture.given(opened(), new VoteCast(POLL, ORACLE, HARD_STOP, null)).andGivenCurrentTime(NOW)
                    .when(new CastVote(POLL, HARD_STOP), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesANonMember() {
            fixture.given(opened()).andGivenCurrentTime(NOW)
                    .when(new CastVote(POLL, HARD_STOP), as(ALICE))
                    .expectException(violates(RuleCode.NOT_GOVERNANCE_MEMBER));
        }

        @Test
        void refusesAVoteAtOrAfterTheClosingInstant() {
            fixture.given(opened()).andGivenCurrentTime(CLOSES)
                    .when(new CastVote(POLL, HARD_STOP), as(ORACLE))
                    .expectException(violates(RuleCode.POLL_CLOSED));
        }

        @Test
        void refusesAVoteInAClosedPoll() {
            fixture.given(opened(), new PollClosed(POLL, new PollTally(0, 0, 0), PollOutcome.NO_QUORUM, null))
                    .andGivenCurrentTime(NOW)
                    .when(new CastVote(POLL, HARD_STOP), as(ORACLE))
                    .expectException(violates(RuleCode.POLL_CLOSED));
        }

        @Test
        void refusesAnUnknownPoll() {
            fixture.givenNoPriorActivity()
                    .when(new CastVote(POLL, HARD_STOP), as(ORACLE))
                    .expectException(violates(RuleCode.UNKNOWN_POLL));
        }
    }

    @Nested
    class ClosingDeadline {

        @Test
        void adoptsThePolicyWithTheMostVotesCountingOnlyEachMembersLatestVote() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(openedByIssuer())
                    .andGiven(new VoteCast(POLL, ISSUER, HARD_STOP, null),
                            new VoteCast(POLL, ORACLE, HARD_STOP, null),
                            new VoteCast(POLL, AUDITOR, GRACEFUL_EXIT, null),
                            new VoteCast(POLL, ORACLE, GRACEFUL_EXIT, HARD_STOP))
                    .whenTimeAdvancesTo(CLOSES)
                    .expectTriggeredDeadlinesWithName(GovernancePoll.CLOSES)
                    .expectEvents(new PollClosed(POLL, new PollTally(1, 2, 0), PollOutcome.ADOPTED, GRACEFUL_EXIT));
        }

        @Test
        void aTieAdoptsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(openedByIssuer())
                    .andGiven(new VoteCast(POLL, ISSUER, HARD_STOP, null), new VoteCast(POLL, ORACLE, HYBRID, null))
                    .whenTimeAdvancesTo(CLOSES)
                    .expectEvents(new PollClosed(POLL, new PollTally(1, 0, 1), PollOutcome.TIE, null));
        }

        @Test
        void fewerVotesThanTheQuorumAdoptNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(openedByIssuer())
                    .andGiven(new VoteCast(POLL, ISSUER, HARD_STOP, null))
                    .whenTimeAdvancesTo(CLOSES)
                    .expectEvents(new PollClosed(POLL, new PollTally(1, 0, 0), PollOutcome.NO_QUORUM, null));
        }

        @Test
        void theQuorumIsFixedAtTheOpeningAndOneVoteDecidesUnderAQuorumOfOne() {
            fixtureWithQuorum(1).givenCurrentTime(NOW)
                    .andGivenCommands(openedByIssuer())
                    .andGiven(new VoteCast(POLL, ISSUER, HARD_STOP, null))
                    .whenTimeAdvancesTo(CLOSES)
                    .expectEvents(new PollClosed(POLL, new PollTally(1, 0, 0), PollOutcome.ADOPTED, HARD_STOP));
        }

        @Test
        void nothingClosesBeforeTheClosingInstant() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(openedByIssuer())
                    .whenTimeAdvancesTo(CLOSES.minusSeconds(1))
                    .expectNoEvents()
                    .expectScheduledDeadlineWithName(CLOSES, GovernancePoll.CLOSES);
        }
    }
}
