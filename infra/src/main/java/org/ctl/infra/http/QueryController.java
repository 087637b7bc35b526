package org.ctl.infra.http;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.ctl.domain.balance.FindBalancesOfHolder;
import org.ctl.domain.balance.FindBalancesOfSeries;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.issuance.FindAllSeries;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.provenance.FindProvenance;
import org.ctl.domain.provenance.FindProvenanceOfHolder;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read endpoints of the HTTP contract, all through the query gateway. Each takes an optional
 * {@code position} (from a command's answer) and then waits, within a bound, until the projections it reads
 * have processed the event stream that far: read-your-writes. Every list is paged ({@code offset},
 * {@code limit} up to {@value Page#MAX_LIMIT}).
 */
@RestController
@RequestMapping("/api")
public class QueryController {

    private final LedgerQueries queries;
    private final ProjectionProgress progress;

    public QueryController(LedgerQueries queries, ProjectionProgress progress) {
        this.queries = queries;
        this.progress = progress;
    }

    @GetMapping("/tokens")
    List<SeriesSummary> allSeries(@RequestParam(defaultValue = "0") int offset,
                                  @RequestParam(defaultValue = "100") int limit,
                                  @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), Projections.SERIES);
        return queries.askList(new FindAllSeries(new Page(offset, limit)), SeriesView.class).stream()
                .map(SeriesSummary::of).toList();
    }

    @GetMapping("/tokens/{tokenId}")
    SeriesSummary series(@PathVariable String tokenId, @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), Projections.SERIES);
        return SeriesSummary.of(queries.series(TokenId.of(tokenId)));
    }

    /** The holders of a series: for its issuer and for auditors. */
    @GetMapping("/tokens/{tokenId}/balances")
    List<HolderBalance> balancesOfSeries(@PathVariable String tokenId, Authentication principal,
                                         @RequestParam(defaultValue = "0") int offset,
                                         @RequestParam(defaultValue = "100") int limit,
                                         @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), Projections.SERIES, Projections.BALANCES);
        SeriesView series = queries.series(TokenId.of(tokenId));
        if (!hasRole(principal, Roles.AUDITOR) && !series.issuer().value().equals(principal.getName())) {
            throw new ReadForbidden("only the issuer of " + tokenId + " and auditors may read its holders");
        }
        return queries.askList(new FindBalancesOfSeries(series.tokenId(), new Page(offset, limit)),
                HolderBalance.class);
    }

    /** A holder's portfolio: for that holder and for auditors. */
    @GetMapping("/holders/{holder}/balances")
    HolderPortfolio balancesOfHolder(@PathVariable String holder, Authentication principal,
                                     @RequestParam(defaultValue = "0") int offset,
                                     @RequestParam(defaultValue = "100") int limit,
                                     @RequestParam(required = false) Long position) {
        HolderId holderId = requireSelfOrAuditor(holder, principal);
        progress.awaitPosition(optional(position), Projections.SERIES, Projections.BALANCES);
        return queries.ask(new FindBalancesOfHolder(holderId, new Page(offset, limit)),
                ResponseTypes.instanceOf(HolderPortfolio.class));
    }

    @GetMapping("/tokens/{tokenId}/provenance")
    List<ProvenanceEntry> provenance(@PathVariable String tokenId,
                                     @RequestParam(defaultValue = "0") int offset,
                                     @RequestParam(defaultValue = "100") int limit,
                                     @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), Projections.SERIES, Projections.PROVENANCE);
        SeriesView series = queries.series(TokenId.of(tokenId));
        return queries.askList(new FindProvenance(series.tokenId(), new Page(offset, limit)), ProvenanceEntry.class);
    }

    /** Where a holder's units came from and went: for that holder and for auditors. */
    @GetMapping("/holders/{holder}/provenance")
    List<ProvenanceEntry> provenanceOfHolder(@PathVariable String holder, Authentication principal,
                                             @RequestParam(defaultValue = "0") int offset,
                                             @RequestParam(defaultValue = "100") int limit,
                                             @RequestParam(required = false) Long position) {
        HolderId holderId = requireSelfOrAuditor(holder, principal);
        progress.awaitPosition(optional(position), Projections.PROVENANCE);
        return queries.askList(new FindProvenanceOfHolder(holderId, new Page(offset, limit)), ProvenanceEntry.class);
    }

    @GetMapping("/collateralization")
    List<CollateralizationEntry> collateralization(@RequestParam(defaultValue = "0") int offset,
                                                   @RequestParam(defaultValue = "100") int limit,
                                                   @RequestParam(required = false) Long position) {
        progress.awaitPosition(optional(position), Projections.SERIES);
        return queries.askList(new FindCollateralization(new Page(offset, limit)), CollateralizationView.class)
                .stream().map(CollateralizationEntry::of).toList();
    }

    private static HolderId requireSelfOrAuditor(String holder, Authentication principal) {
        HolderId holderId = HolderId.of(holder);
        if (!hasRole(principal, Roles.AUDITOR) && !holderId.value().equals(principal.getName())) {
            throw new ReadForbidden("only " + holder + " and auditors may read " + holder + "'s units");
        }
        return holderId;
    }

    private static boolean hasRole(Authentication principal, String role) {
        return principal.getAuthorities().stream().anyMatch(granted -> granted.getAuthority().equals("ROLE_" + role));
    }

    private static OptionalLong optional(Long position) {
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** A read of units the principal may not see: 403 with code {@code FORBIDDEN}. */
    static class ReadForbidden extends RuntimeException {
        ReadForbidden(String message) {
            super(message);
        }
    }
}
