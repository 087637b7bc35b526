package org.ctl.command.series;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.ctl.domain.shared.RuleViolation.require;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.governance.ProRataClaims;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * One token series: its supply, every holder's available and pledged units, its pledges, its status and the
 * commands it accepted most recently ({@link RecentCommands}; every accepted command is in the
 * {@link AcceptedCommandLog}, which the series asks about an id it no longer keeps). Every rule of a series is
 * checked here, whoever sends the command; each handler checks, then applies; only the event sourcing handlers
 * change state.
 *
 * <p>The order of checks in every handler is the same: who acts, then whether the command id was seen
 * before (a repeat answers as the first did, even if the series has moved on since), then the state rules.
 */
@Aggregate(snapshotTriggerDefinition = "tokenSeriesSnapshotTrigger", cache = "tokenSeriesCache")
// Revision 2 keeps only the recent accepted commands: Axon's snapshot filter ignores the snapshots of revision 1
// (which kept them all) and rebuilds such a series from its events.
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class TokenSeries {

    @AggregateIdentifier
    private TokenId tokenId;
    private HolderId issuer;
    private String issuanceFingerprint;
    private Collateral collateral;
    private GovernancePolicy policy;
    private SeriesStatus status;
    private HolderId verifiedBy;
    private Units issued;
    private Units outstanding;
    private Units burned;
    private Map<String, Holding> holdings = new HashMap<>();
    private Map<String, PledgeState> pledges = new LinkedHashMap<>();
    /** The commands accepted most recently; older ones are in the {@link AcceptedCommandLog}. */
    private RecentCommands recentCommands = new RecentCommands();
    private long verifiedAtSequence;

    protected TokenSeries() {
        // Axon builds the aggregate from its events (or a snapshot) through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandReceipt handle(IssueToken command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                Participants participants, IssuanceRules rules, CollateralRegistry collateralRegistry,
                AdoptedDefaultPolicy adoptedDefaultPolicy) {
        HolderId actor = ActingPrincipal.require(principal);
        require(participants.isIssuer(actor), RuleCode.NOT_REGISTERED_ISSUER, actor + " is not a registered issuer");
        GovernancePolicy chosenPolicy = rules.policyFor(command.policy(), adoptedDefaultPolicy.adopted());
        String fingerprint = issuanceFingerprint(actor, command.computeUnit(), command.computeRights(),
                command.pricePerComputeRight(), command.collateral(), chosenPolicy);
        if (tokenId != null) {
            require(fingerprint.equals(issuanceFingerprint), RuleCode.SERIES_ALREADY_ISSUED,
                    "series " + tokenId + " has already been issued with other content");
            return repeatedAt(0);
        }
        collateralRegistry.seriesBackedBy(command.collateral().collateralId()).ifPresent(other -> {
            throw new RuleViolation(RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES,
                    "collateral " + command.collateral().collateralId() + " already backs series " + other);
        });
        BigDecimal ratio = PricingKernel.collateralizationRatio(command.computeRights(),
                command.pricePerComputeRight(), command.collateral().qubits(), command.collateral().qubitPrice());
        require(ratio.compareTo(rules.minimumCollateralizationRatio()) >= 0,
                RuleCode.COLLATERALIZATION_BELOW_MINIMUM,
                "collateralization ratio " + Pricing.displayRatio(ratio)
                        + " is below the minimum " + rules.minimumCollateralizationRatio());
        apply(new TokenIssued(command.tokenId(), actor, command.computeUnit(), command.computeRights(),
                command.pricePerComputeRight(), command.collateral(), chosenPolicy));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(VerifyIssuance command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                Participants participants) {
        HolderId actor = ActingPrincipal.require(principal);
        require(participants.isOracle(actor), RuleCode.NOT_REGISTERED_ORACLE, actor + " is not a registered oracle");
        require(!actor.equals(issuer), RuleCode.SELF_VERIFICATION,
                actor + " issued series " + tokenId + " and cannot verify it");
        if (actor.equals(verifiedBy)) {
            return repeatedAt(verifiedAtSequence);
        }
        require(verifiedBy == null, RuleCode.ALREADY_VERIFIED, "series " + tokenId + " was verified by " + verifiedBy);
        require(!status.isSettled(), RuleCode.SERIES_ALREADY_SETTLED, "series " + tokenId + " is " + status);
        apply(new IssuanceVerified(tokenId, actor));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(TransferUnits command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          @MetaDataValue(LoanSteps.METADATA_KEY) String loanStep, AcceptedCommandLog log) {
        requireActingHolder(principal, command.from());
        LoanSteps.requireLoanStepOrOtherId(command.transferId(), loanStep);
        AcceptedCommand earlier = earlier(log, AcceptedCommand.TRANSFER, command.transferId(),
                command.from(), command.to(), command.amount());
        if (earlier != null) {
            return repeatedAt(earlier.sequence());
        }
        requireActive();
        require(!command.from().equals(command.to()), RuleCode.SAME_HOLDER, "cannot transfer to oneself");
        requireAvailable(command.from(), command.amount());
        apply(new UnitsTransferred(tokenId, command.transferId(), command.from(), command.to(), command.amount()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(PledgeUnits command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          @MetaDataValue(LoanSteps.METADATA_KEY) String loanStep, AcceptedCommandLog log) {
        requireActingHolder(principal, command.pledger());
        LoanSteps.requireLoanStepOrOtherId(command.pledgeId(), loanStep);
        AcceptedCommand earlier = earlier(log, AcceptedCommand.PLEDGE, command.pledgeId(),
                command.pledger(), command.pledgee(), command.amount());
        if (earlier != null) {
            return repeatedAt(earlier.sequence());
        }
        requireActive();
        require(!command.pledger().equals(command.pledgee()), RuleCode.SAME_HOLDER, "cannot pledge to oneself");
        requireAvailable(command.pledger(), command.amount());
        apply(new UnitsPledged(tokenId, command.pledgeId(), command.pledger(), command.pledgee(), command.amount()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(ReleasePledge command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          @MetaDataValue(LoanSteps.METADATA_KEY) String loanStep) {
        PledgeState pledge = requirePledgeOfActingPledgee(command.pledgeId(), principal);
        LoanSteps.requireLoanStepOrOtherId(command.pledgeId(), loanStep);
        if (pledge.stage() == PledgeState.Stage.RELEASED) {
            return repeatedAt(pledge.closedAtSequence());
        }
        require(pledge.isOpen(), RuleCode.PLEDGE_NOT_OPEN, "pledge " + command.pledgeId() + " was " + pledge.stage());
        requireActive();
        apply(new PledgeReleased(tokenId, command.pledgeId(), pledge.pledger(), pledge.pledgee(), pledge.amount()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(SeizePledge command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          @MetaDataValue(LoanSteps.METADATA_KEY) String loanStep) {
        PledgeState pledge = requirePledgeOfActingPledgee(command.pledgeId(), principal);
        LoanSteps.requireLoanStepOrOtherId(command.pledgeId(), loanStep);
        if (pledge.stage() == PledgeState.Stage.SEIZED) {
            return repeatedAt(pledge.closedAtSequence());
        }
        require(pledge.isOpen(), RuleCode.PLEDGE_NOT_OPEN, "pledge " + command.pledgeId() + " was " + pledge.stage());
        requireActive();
        apply(new PledgeSeized(tokenId, command.pledgeId(), pledge.pledger(), pledge.pledgee(), pledge.amount()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(BurnUnits command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                          AcceptedCommandLog log) {
        requireActingHolder(principal, command.holder());
        AcceptedCommand earlier = earlier(log, AcceptedCommand.BURN, command.burnId(),
                command.holder(), command.amount(), command.reason());
        if (earlier != null) {
            return repeatedAt(earlier.sequence());
        }
        requireActive();
        requireAvailable(command.holder(), command.amount());
        apply(new UnitsBurned(tokenId, command.burnId(), command.holder(), command.amount(), command.reason()));
        return accepted();
    }

    @CommandHandler
    CommandReceipt handle(FlagByOracle command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                Participants participants, CollateralPrices collateralPrices, AcceptedCommandLog log) {
        HolderId actor = ActingPrincipal.require(principal);
        require(participants.isOracle(actor), RuleCode.NOT_REGISTERED_ORACLE, actor + " is not a registered oracle");
        AcceptedCommand earlier = earlier(log, AcceptedCommand.FLAG, command.flagId(),
                actor, command.verdict(), command.reason());
        if (earlier != null) {
            return repeatedAt(earlier.sequence());
        }
        require(!status.isSettled(), RuleCode.SERIES_ALREADY_SETTLED, "series " + tokenId + " is already " + status);
        FlagOutcome outcome = policy.outcomeFor(command.verdict());
        apply(new SeriesFlagged(tokenId, command.flagId(), actor, command.verdict(), command.reason(), policy,
                outcome));
        if (outcome == FlagOutcome.WOUND_UP) {
            Money collateralPrice = collateralPrices.latest(collateral.unit()).orElse(collateral.qubitPrice());
            apply(windUp(command.flagId(), collateralPrice));
        }
        return accepted();
    }

    private SeriesWoundUp windUp(CommandId flagId, Money collateralPrice) {
        List<CommandId> openPledges = pledges.entrySet().stream().filter(entry -> entry.getValue().isOpen())
                .map(entry -> CommandId.of(entry.getKey())).toList();
        Map<HolderId, Units> unitsHeld = new HashMap<>();
        holdings.forEach((holder, holding) -> {
            if (!holding.isEmpty()) {
                unitsHeld.put(HolderId.of(holder), holding.total());
            }
        });
        Money collateralValue = new Money(collateral.valueAt(collateralPrice).toCents());
        List<CollateralClaim> claims = ProRataClaims.split(unitsHeld, collateralValue);
        return new SeriesWoundUp(tokenId, flagId, openPledges, outstanding, collateralPrice, collateralValue, claims);
    }

    // --- answers and checks shared by the handlers ---

    private CommandReceipt accepted() {
        return new CommandReceipt(tokenId.value(), AggregateLifecycle.getVersion(), false);
    }

    /** A repeat answers as the first did: with the sequence number of the last event the first one caused. */
    private CommandReceipt repeatedAt(long sequence) {
        return new CommandReceipt(tokenId.value(), sequence, true);
    }

    private void requireActingHolder(String principal, HolderId holder) {
        HolderId actor = ActingPrincipal.require(principal);
        require(actor.equals(holder), RuleCode.NOT_HOLDER, actor + " cannot act for holder " + holder);
    }

    private PledgeState requirePledgeOfActingPledgee(CommandId pledgeId, String principal) {
        HolderId actor = ActingPrincipal.require(principal);
        PledgeState pledge = pledges.get(pledgeId.value());
        require(pledge != null, RuleCode.UNKNOWN_PLEDGE, "series " + tokenId + " has no pledge " + pledgeId);
        require(actor.equals(pledge.pledgee()), RuleCode.NOT_PLEDGEE,
                actor + " is not the pledgee of pledge " + pledgeId);
        return pledge;
    }

    /**
     * The command accepted before under this id with the same content (this one is a harmless repeat), or null:
     * looked up among the recent commands, and in the log only when the series has let some go.
     *
     * @throws RuleViolation {@link RuleCode#ID_REUSED_WITH_OTHER_CONTENT} when it was accepted with other content
     */
    private AcceptedCommand earlier(AcceptedCommandLog log, String kind, CommandId id, Object... content) {
        String key = AcceptedCommand.key(kind, id);
        AcceptedCommand accepted = recentCommands.find(key);
        if (accepted == null && recentCommands.anyLetGo()) {
            accepted = log.find(tokenId, key).orElse(null);
        }
        if (accepted == null) {
            return null;
        }
        require(accepted.content().equals(Fingerprint.of(content)), RuleCode.ID_REUSED_WITH_OTHER_CONTENT,
                kind + " id " + id + " was used before with other content");
        return accepted;
    }

    private void requireActive() {
        require(status == SeriesStatus.ACTIVE, RuleCode.TOKEN_NOT_ACTIVE, "series " + tokenId + " is " + status);
    }

    private void requireAvailable(HolderId holder, Units amount) {
        Units available = holdingOf(holder).available();
        require(available.covers(amount), RuleCode.INSUFFICIENT_AVAILABLE_BALANCE,
                holder + " has " + available + " available units of " + tokenId + ", not " + amount);
    }

    private Holding holdingOf(HolderId holder) {
        return holdings.getOrDefault(holder.value(), Holding.EMPTY);
    }

    private void changeHolding(HolderId holder, java.util.function.UnaryOperator<Holding> change) {
        Holding changed = change.apply(holdingOf(holder));
        if (changed.isEmpty()) {
            holdings.remove(holder.value());
        } else {
            holdings.put(holder.value(), changed);
        }
    }

    private void remember(Object event, long sequence) {
        recentCommands.remember(AcceptedCommand.acceptedBy(event, sequence).orElseThrow());
    }

    private static String issuanceFingerprint(HolderId issuer, String computeUnit, Units rights, Money price,
                                              Collateral collateral, GovernancePolicy policy) {
        return Fingerprint.of(issuer, computeUnit, rights, price, collateral.collateralId(), collateral.unit(),
                collateral.qubits(), collateral.qubitPrice(), policy);
    }

    // --- state changes, from events only ---

    @EventSourcingHandler
    void on(TokenIssued event) {
        tokenId = event.tokenId();
        issuer = event.issuer();
        collateral = event.collateral();
        policy = event.policy();
        status = SeriesStatus.PENDING_VERIFICATION;
        issued = event.computeRights();
        outstanding = event.computeRights();
        burned = Units.ZERO;
        issuanceFingerprint = issuanceFingerprint(event.issuer(), event.computeUnit(), event.computeRights(),
                event.pricePerComputeRight(), event.collateral(), event.policy());
        changeHolding(event.issuer(), holding -> holding.credit(event.computeRights()));
    }

    @EventSourcingHandler
    void on(IssuanceVerified event, @SequenceNumber long sequence) {
        verifiedBy = event.oracle();
        verifiedAtSequence = sequence;
        status = SeriesStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence) {
        remember(event, sequence);
        changeHolding(event.from(), holding -> holding.debit(event.amount()));
        changeHolding(event.to(), holding -> holding.credit(event.amount()));
    }

    @EventSourcingHandler
    void on(UnitsPledged event, @SequenceNumber long sequence) {
        remember(event, sequence);
        pledges.put(event.pledgeId().value(),
                new PledgeState(event.pledger(), event.pledgee(), event.amount(), PledgeState.Stage.OPEN, -1));
        changeHolding(event.pledger(), holding -> holding.lock(event.amount()));
    }

    @EventSourcingHandler
    void on(PledgeReleased event, @SequenceNumber long sequence) {
        pledges.computeIfPresent(event.pledgeId().value(),
                (id, pledge) -> pledge.closed(PledgeState.Stage.RELEASED, sequence));
        changeHolding(event.pledger(), holding -> holding.unlock(event.amount()));
    }

    @EventSourcingHandler
    void on(PledgeSeized event, @SequenceNumber long sequence) {
        pledges.computeIfPresent(event.pledgeId().value(),
                (id, pledge) -> pledge.closed(PledgeState.Stage.SEIZED, sequence));
        changeHolding(event.pledger(), holding -> holding.forfeit(event.amount()));
        changeHolding(event.pledgee(), holding -> holding.credit(event.amount()));
    }

    @EventSourcingHandler
    void on(UnitsBurned event, @SequenceNumber long sequence) {
        remember(event, sequence);
        changeHolding(event.holder(), holding -> holding.debit(event.amount()));
        outstanding = outstanding.minus(event.amount());
        burned = burned.plus(event.amount());
    }

    @EventSourcingHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence) {
        remember(event, sequence);
        status = event.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP;
    }

    @EventSourcingHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence) {
        // The flag's command ended with this event: its repeat answers with this sequence.
        recentCommands.endedAt(AcceptedCommand.flagKey(event.flagId()), sequence);
        for (CommandId released : event.releasedPledges()) {
            pledges.computeIfPresent(released.value(),
                    (id, pledge) -> pledge.closed(PledgeState.Stage.RELEASED, sequence));
        }
        holdings.clear();
        burned = burned.plus(event.unitsBurned());
        outstanding = outstanding.minus(event.unitsBurned());
    }
}
