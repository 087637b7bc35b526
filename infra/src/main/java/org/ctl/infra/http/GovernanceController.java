package org.ctl.infra.http;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.poll.CastVote;
import org.ctl.domain.governance.poll.FindPoll;
import org.ctl.domain.governance.poll.FindPolls;
import org.ctl.domain.governance.poll.OpenPoll;
import org.ctl.domain.governance.poll.PollId;
import org.ctl.domain.governance.poll.PollView;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.infra.lookup.AdoptedPolicyLookup;
import org.ctl.query.governance.PollProjection;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Governance polls over the ledger-wide default policy: members (ctl.governance.members) open polls and vote,
 * which the {@code GovernancePoll} aggregate checks; everyone signed in reads the polls, their tallies and the
 * default policy in force for issuances that name none.
 */
@RestController
@RequestMapping("/api/governance")
public class GovernanceController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ProjectionProgress progress;
    private final IssuanceRules issuanceRules;
    private final AdoptedPolicyLookup adoptedPolicy;

    public GovernanceController(LedgerCommands commands, LedgerQueries queries, ProjectionProgress progress,
                                IssuanceRules issuanceRules, AdoptedPolicyLookup adoptedPolicy) {
        this.commands = commands;
        this.queries = queries;
        this.progress = progress;
        this.issuanceRules = issuanceRules;
        this.adoptedPolicy = adoptedPolicy;
    }

    record OpenPollRequest(String pollId, Instant closesAt) {
    }

    record VoteRequest(GovernancePolicy policy) {
    }

    /**
     * The policy a series issued now without one gets, and where it comes from.
     *
     * @param adoptedByPoll the poll that adopted it, or null while the configured default applies
     */
    record DefaultPolicy(GovernancePolicy policy, String adoptedByPoll, GovernancePolicy configured) {
    }

    @PostMapping(path = "/polls", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CommandAnswer open(@RequestBody OpenPollRequest request) {
        OpenPoll command = new OpenPoll(PollId.of(request.pollId()), request.closesAt());
        return commands.send(command, request.pollId());
    }

    @PostMapping(path = "/polls/{pollId}/votes", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommandAnswer vote(@PathVariable String pollId, @RequestBody VoteRequest request) {
        return commands.send(new CastVote(PollId.of(pollId), request.policy()), pollId);
    }

    @GetMapping("/polls")
    List<PollView> polls(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit,
                         @RequestParam(required = false) Long position) {
        Page page = new Page(offset, limit);
        progress.awaitPosition(optional(position), PollProjection.PROCESSING_GROUP);
        return queries.askList(new FindPolls(page), PollView.class);
    }

    @GetMapping("/polls/{pollId}")
    PollView poll(@PathVariable String pollId, @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), PollProjection.PROCESSING_GROUP);
        return queries.ask(new FindPoll(PollId.of(pollId)), ResponseTypes.optionalInstanceOf(PollView.class))
                .orElseThrow(() -> new RuleViolation(RuleCode.UNKNOWN_POLL, "no poll " + pollId));
    }

    @GetMapping("/default-policy")
    DefaultPolicy defaultPolicy() {
        var adoption = adoptedPolicy.latest();
        return new DefaultPolicy(issuanceRules.policyFor(null, adoption.map(AdoptedPolicyLookup.Adoption::policy)),
                adoption.map(AdoptedPolicyLookup.Adoption::pollId).orElse(null), issuanceRules.defaultPolicy());
    }

    private static OptionalLong optional(Long position) {
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
