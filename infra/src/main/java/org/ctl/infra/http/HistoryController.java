package org.ctl.infra.http;

import java.util.List;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.history.LedgerHistory;
import org.ctl.domain.history.SeriesHistory;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.history.AsOf;
import org.ctl.infra.history.EventHistory;
import org.ctl.infra.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time travel: the series, its holders and a holder's portfolio as they stood at a past moment, read from the event
 * store itself (never from a projection) and folded afresh. The same paths, JSON shapes and authorization as the
 * live reads of {@link QueryController}, chosen by the parameter {@code asOf}: a global sequence ({@code 1234}:
 * every event up to that global index) or an ISO-8601 instant ({@code 2026-11-25T12:00:00Z}: every event at or
 * before it). A malformed {@code asOf} is 400 {@code MALFORMED_AS_OF}; a moment the ledger has not reached (an
 * instant after now, a sequence above the newest event) is 400 {@code AS_OF_IN_FUTURE}, since its answer could
 * still change; a series not issued by then is 404 {@code UNKNOWN_TOKEN}.
 */
@RestController
@RequestMapping("/api")
public class HistoryController {

    private final EventHistory history;
    private final PricingKernel pricingKernel;

    public HistoryController(EventHistory history, PricingKernel pricingKernel) {
        this.history = history;
        this.pricingKernel = pricingKernel;
    }

    @GetMapping(value = "/tokens/{tokenId}", params = "asOf")
    SeriesSummary seriesAsOf(@PathVariable String tokenId, @RequestParam String asOf) {
        TokenId id = TokenId.of(tokenId);
        AsOf moment = past(asOf);
        LedgerHistory ledger = history.seriesAsOf(id, moment);
        return SeriesSummary.of(series(ledger, id, moment));
    }

    /** The holders of a series as of then: for its issuer and for auditors. */
    @GetMapping(value = "/tokens/{tokenId}/balances", params = "asOf")
    List<HolderBalance> balancesOfSeriesAsOf(@PathVariable String tokenId, @RequestParam String asOf,
                                             Authentication principal,
                                             @RequestParam(defaultValue = "0") int offset,
                                             @RequestParam(defaultValue = "100") int limit) {
        TokenId id = TokenId.of(tokenId);
        Page page = new Page(offset, limit);
        AsOf moment = past(asOf);
        LedgerHistory ledger = history.seriesAsOf(id, moment);
        SeriesHistory series = ledger.series(id).orElseThrow(() -> unknown(id, moment));
        if (!isAuditor(principal) && !series.issuer().value().equals(principal.getName())) {
            throw new QueryController.ReadForbidden("only the issuer of " + tokenId
                    + " and auditors may read its holders");
        }
        List<HolderBalance> all = ledger.balancesOfSeries(id);
        int from = Math.min(page.offset(), all.size());
        return all.subList(from, Math.min(from + page.limit(), all.size()));
    }

    /** A holder's portfolio as of then: for that holder and for auditors. */
    @GetMapping(value = "/holders/{holder}/balances", params = "asOf")
    HolderPortfolio balancesOfHolderAsOf(@PathVariable String holder, @RequestParam String asOf,
                                         Authentication principal,
                                         @RequestParam(defaultValue = "0") int offset,
                                         @RequestParam(defaultValue = "100") int limit) {
        HolderId holderId = HolderId.of(holder);
        if (!isAuditor(principal) && !holderId.value().equals(principal.getName())) {
            throw new QueryController.ReadForbidden("only " + holder + " and auditors may read " + holder
                    + "'s units");
        }
        Page page = new Page(offset, limit);
        return history.ledgerAsOf(past(asOf)).portfolio(holderId, page);
    }

    private AsOf past(String asOf) {
        AsOf moment = AsOf.parse(asOf);
        history.requirePast(moment);
        return moment;
    }

    private SeriesView series(LedgerHistory ledger, TokenId id, AsOf moment) {
        return ledger.seriesView(id, pricingKernel).orElseThrow(() -> unknown(id, moment));
    }

    private static RuleViolation unknown(TokenId id, AsOf moment) {
        return new RuleViolation(RuleCode.UNKNOWN_TOKEN, "no series " + id + " as of " + moment);
    }

    private static boolean isAuditor(Authentication principal) {
        return principal.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals("ROLE_" + Roles.AUDITOR));
    }
}
