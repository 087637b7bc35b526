package org.ctl.command.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * The one series the command tests tell stories about, and short factories for its commands and events, so
 * that a test reads as a history: {@code given(active(HARD_STOP), transferred("t-1", ISSUER, ALICE, 60))}.
 *
 * <p>The series: 100 units of {@code H100-GPU-HOUR} at 1.00, backed by 400 qubits at 0.20 (CV 100.00,
 * ColV 80.00, CR 0.80), issued by {@code issuer} and verified by {@code oracle}.
 */
final class SeriesExamples {

    static final TokenId TOKEN = TokenId.of("clt-h100-001");
    static final String COMPUTE_UNIT = "H100-GPU-HOUR";
    static final long RIGHTS = 100;
    static final Money PRICE_PER_RIGHT = Money.of("1.00");
    static final Collateral COLLATERAL = new Collateral("vault-7", null, Units.of(400), Money.of("0.20"));

    static final HolderId ISSUER = HolderId.of("issuer");
    static final HolderId ORACLE = HolderId.of("oracle");
    static final HolderId ORACLE2 = HolderId.of("oracle2");
    static final HolderId ALICE = HolderId.of("alice");
    static final HolderId BOB = HolderId.of("bob");
    static final HolderId CAROL = HolderId.of("carol");

    /** The ledger's registered principals in these tests. */
    static final Participants PARTICIPANTS = new Participants(Set.of(ISSUER), Set.of(ORACLE, ORACLE2));

    private SeriesExamples() {
    }

    /** The metadata of a command sent by {@code principal}. */
    /**
     * A series fixture with what every handler asks for: the example participants, the default issuance rules, no
     * adopted policy, no collateral bound or priced, and the accepted-command log that {@code log} builds over the
     * fixture's own event store.
     */
    static AggregateTestFixture<TokenSeries> seriesFixture(Function<Supplier<EventStore>, AcceptedCommandLog> log) {
        AggregateTestFixture<TokenSeries> fixture = new AggregateTestFixture<>(TokenSeries.class);
        fixture.registerInjectableResource(PARTICIPANTS);
        fixture.registerInjectableResource(IssuanceRules.defaults());
        fixture.registerInjectableResource((AdoptedDefaultPolicy) Optional::empty);
        fixture.registerInjectableResource((CollateralRegistry) collateralId -> Optional.empty());
        fixture.registerInjectableResource((CollateralPrices) unit -> Optional.empty());
        fixture.registerInjectableResource(log.apply(fixture::getEventStore));
        fixture.registerCommandHandlerInterceptor(new UnknownSeriesTranslation());
        return fixture;
    }

    static Map<String, Object> as(HolderId principal) {
        return Map.of(ActingPrincipal.METADATA_KEY, principal.value());
    }

    // --- commands ---

    static IssueToken issueToken(GovernancePolicy policy) {
        return new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(RIGHTS), PRICE_PER_RIGHT, COLLATERAL, policy);
    }

    static VerifyIssuance verifyIssuance() {
        return new VerifyIssuance(TOKEN);
    }

    static TransferUnits transfer(String transferId, HolderId from, HolderId to, long amount) {
        return new TransferUnits(TOKEN, CommandId.of(transferId), from, to, Units.of(amount));
    }

    static PledgeUnits pledge(String pledgeId, HolderId pledger, HolderId pledgee, long amount) {
        return new PledgeUnits(TOKEN, CommandId.of(pledgeId), pledger, pledgee, Units.of(amount));
    }

    static ReleasePledge releasePledge(String pledgeId) {
        return new ReleasePledge(TOKEN, CommandId.of(pledgeId));
    }

    static SeizePledge seizePledge(String pledgeId) {
        return new SeizePledge(TOKEN, CommandId.of(pledgeId));
    }

    static BurnUnits burn(String burnId, HolderId holder, long amount, String reason) {
        return new BurnUnits(TOKEN, CommandId.of(burnId), holder, Units.of(amount), reason);
    }

    static FlagByOracle flag(String flagId, Verdict verdict, String reason) {
        return new FlagByOracle(TOKEN, CommandId.of(flagId), verdict, reason);
    }

    // --- events ---

    static TokenIssued tokenIssued(GovernancePolicy policy) {
        return new TokenIssued(TOKEN, ISSUER, COMPUTE_UNIT, Units.of(RIGHTS), PRICE_PER_RIGHT, COLLATERAL, policy);
    }

    static IssuanceVerified verified() {
        return new IssuanceVerified(TOKEN, ORACLE);
    }

    static UnitsTransferred transferred(String transferId, HolderId from, HolderId to, long amount) {
        return new UnitsTransferred(TOKEN, CommandId.of(transferId), from, to, Units.of(amount));
    }

    static UnitsPledged pledged(String pledgeId, HolderId pledger, HolderId pledgee, long amount) {
        return new UnitsPledged(TOKEN, CommandId.of(pledgeId), pledger, pledgee, Units.of(amount));
    }

    static PledgeReleased released(String pledgeId, HolderId pledger, HolderId pledgee, long amount) {
        return new PledgeReleased(TOKEN, CommandId.of(pledgeId), pledger, pledgee, Units.of(amount));
    }

    static PledgeSeized seized(String pledgeId, HolderId pledger, HolderId pledgee, long amount) {
        return new PledgeSeized(TOKEN, CommandId.of(pledgeId), pledger, pledgee, Units.of(amount));
    }

    static UnitsBurned burned(String burnId, HolderId holder, long amount, String reason) {
        return new UnitsBurned(TOKEN, CommandId.of(burnId), holder, Units.of(amount), reason);
    }

    static SeriesFlagged flagged(String flagId, Verdict verdict, String reason, GovernancePolicy policy,
                                 FlagOutcome outcome) {
        return new SeriesFlagged(TOKEN, CommandId.of(flagId), ORACLE, verdict, reason, policy, outcome);
    }

    // --- histories ---

    /** Issued under {@code policy} and verified: tradable, all 100 units with the issuer. */
    static List<Object> active(GovernancePolicy policy) {
        return List.of(tokenIssued(policy), verified());
    }

    /** {@code history} followed by {@code more} events. */
    static List<Object> then(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(Arrays.asList(more));
        return events;
    }
}
