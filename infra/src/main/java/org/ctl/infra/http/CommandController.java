package org.ctl.infra.http;

import java.util.OptionalLong;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.http.CommandRequests.BurnRequest;
import org.ctl.infra.http.CommandRequests.FlagRequest;
import org.ctl.infra.http.CommandRequests.IssueTokenRequest;
import org.ctl.infra.http.CommandRequests.PledgeRequest;
import org.ctl.infra.http.CommandRequests.PriceRequest;
import org.ctl.infra.http.CommandRequests.TransferRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command endpoints of the HTTP contract. Each sends one command through the command gateway; who may act
 * on which units is decided by the aggregates, from the principal that {@code PrincipalMetaData} puts into
 * the command, exactly as for Java callers.
 */
@RestController
@RequestMapping(path = "/api", consumes = MediaType.APPLICATION_JSON_VALUE)
public class CommandController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ProjectionProgress progress;

    public CommandController(LedgerCommands commands, LedgerQueries queries, ProjectionProgress progress) {
        this.commands = commands;
        this.queries = queries;
        this.progress = progress;
    }

    /** The answer to an issuance: the command's receipt and the new series' summary (read after its write). */
    record IssuedSeries(CommandAnswer command, SeriesSummary series) {
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedSeries issue(@RequestBody IssueTokenRequest request) {
        var command = request.toCommand();
        CommandAnswer answer = commands.send(command, command.tokenId().value());
        progress.awaitPosition(OptionalLong.of(answer.position()), Projections.SERIES);
        return new IssuedSeries(answer, SeriesSummary.of(queries.series(command.tokenId())));
    }

    @PostMapping(path = "/tokens/{tokenId}/verify", consumes = MediaType.ALL_VALUE)
    CommandAnswer verify(@PathVariable String tokenId) {
        return commands.send(new VerifyIssuance(TokenId.of(tokenId)), tokenId);
    }

    @PostMapping("/tokens/{tokenId}/transfers")
    CommandAnswer transfer(@PathVariable String tokenId, @RequestBody TransferRequest request) {
        var command = request.toCommand(tokenId);
        return commands.send(command, command.transferId().value());
    }

    @PostMapping("/tokens/{tokenId}/pledges")
    CommandAnswer pledge(@PathVariable String tokenId, @RequestBody PledgeRequest request) {
        var command = request.toCommand(tokenId);
        return commands.send(command, command.pledgeId().value());
    }

    @PostMapping(path = "/tokens/{tokenId}/pledges/{pledgeId}/release", consumes = MediaType.ALL_VALUE)
    CommandAnswer release(@PathVariable String tokenId, @PathVariable String pledgeId) {
        return commands.send(new ReleasePledge(TokenId.of(tokenId), CommandId.of(pledgeId)), pledgeId);
    }

    @PostMapping(path = "/tokens/{tokenId}/pledges/{pledgeId}/seize", consumes = MediaType.ALL_VALUE)
    CommandAnswer seize(@PathVariable String tokenId, @PathVariable String pledgeId) {
        return commands.send(new SeizePledge(TokenId.of(tokenId), CommandId.of(pledgeId)), pledgeId);
    }

    @PostMapping("/tokens/{tokenId}/flags")
    CommandAnswer flag(@PathVariable String tokenId, @RequestBody FlagRequest request) {
        var command = request.toCommand(tokenId);
        return commands.send(command, command.flagId().value());
    }

    @PostMapping("/tokens/{tokenId}/burns")
    CommandAnswer burn(@PathVariable String tokenId, @RequestBody BurnRequest request) {
        var command = request.toCommand(tokenId);
        return commands.send(command, command.burnId().value());
    }

    @PostMapping("/prices")
    CommandAnswer publishPrice(@RequestBody PriceRequest request) {
        var command = request.toCommand();
        return commands.send(command, command.priceId().value());
    }
}
