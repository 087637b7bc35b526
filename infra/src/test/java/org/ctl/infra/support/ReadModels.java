package org.ctl.infra.support;

import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.flag;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.infra.http.Projections;

/** The projections' read-model tables, and a history that writes to every one of them, for rebuild tests. */
public final class ReadModels {

    /** The tables each projection (processing group) writes. */
    public static final Map<String, List<String>> TABLES_BY_PROJECTION = Map.of(
            Projections.SERIES, List.of("series_summary", "market_price"),
            Projections.BALANCES, List.of("balance_series", "holding"),
            Projections.PROVENANCE, List.of("provenance_entry", "provenance_party"));

    private ReadModels() {
    }

    /**
     * Three series, one per policy (R1 HARD_STOP, R2 GRACEFUL_EXIT, R3 HYBRID), each issued, verified, transferred
     * twice, pledged and burned from; a collateral price; R1 flagged ILLEGITIMATE and R2 DISPUTED. Each command is
     * handed to {@code send} with the principal it is sent as.
     */
    public static void writeThreeSeriesHistory(BiConsumer<String, Object> send) {
        for (String series : List.of("R1", "R2", "R3")) {
            GovernancePolicy policy = switch (series) {
                case "R1" -> GovernancePolicy.HARD_STOP;
                case "R2" -> GovernancePolicy.GRACEFUL_EXIT;
                default -> GovernancePolicy.HYBRID;
            };
            send.accept("issuer", issue(series, 1_000, "C-" + series, policy));
            send.accept("oracle", verify(series));
            send.accept("issuer", transfer(series, series + "-t1", "issuer", "alice", 300));
            send.accept("alice", transfer(series, series + "-t2", "alice", "bob", 100));
            send.accept("alice", pledge(series, series + "-p1", "alice", "carol", 50));
            send.accept("bob", burn(series, series + "-b1", "bob", 10));
        }
        send.accept("oracle", collateralPrice("rp-1", "0.35"));
        send.accept("oracle", flag("R1", "R1-f", Verdict.ILLEGITIMATE));
        send.accept("oracle", flag("R2", "R2-f", Verdict.DISPUTED));
    }
}
