package org.ctl.command.series;

import static org.ctl.domain.shared.RuleCode.ALREADY_VERIFIED;
import static org.ctl.domain.shared.RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES;
import static org.ctl.domain.shared.RuleCode.ID_REUSED_WITH_OTHER_CONTENT;
import static org.ctl.domain.shared.RuleCode.INSUFFICIENT_AVAILABLE_BALANCE;
import static org.ctl.domain.shared.RuleCode.NOT_HOLDER;
import static org.ctl.domain.shared.RuleCode.NOT_PLEDGEE;
import static org.ctl.domain.shared.RuleCode.NOT_REGISTERED_ISSUER;
import static org.ctl.domain.shared.RuleCode.NOT_REGISTERED_ORACLE;
import static org.ctl.domain.shared.RuleCode.PLEDGE_NOT_OPEN;
import static org.ctl.domain.shared.RuleCode.PRINCIPAL_MISSING;
import static org.ctl.domain.shared.RuleCode.SAME_HOLDER;
import static org.ctl.domain.shared.RuleCode.SELF_VERIFICATION;
import static org.ctl.domain.shared.RuleCode.SERIES_ALREADY_ISSUED;
import static org.ctl.domain.shared.RuleCode.SERIES_ALREADY_SETTLED;
import static org.ctl.domain.shared.RuleCode.TOKEN_NOT_ACTIVE;
import static org.ctl.domain.shared.RuleCode.UNKNOWN_PLEDGE;
import static org.ctl.domain.shared.RuleCode.UNKNOWN_TOKEN;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.TransferUnits;

/**
 * A plain model of the ledger's rules (DESIGN.md, "Invariants the aggregates enforce"), written without the
 * production code, for the series and price feeds of one try: for each command it says whether the ledger must
 * accept it (and how many events it appends to which stream), treat it as a harmless repeat, or refuse it (and
 * with which rules), and it moves the balances the way the ledger must.
 *
 * <p>Checks come in the order the design gives: who acts, then whether the command id was seen before, then
 * the state rules. Where several state rules are broken at once the design does not say which one is named,
 * so the model accepts any of them. A command to a series never issued is refused as unknown before anything
 * else (the ledger cannot load what does not exist).
 */
public final class ReferenceLedger {

    /** What the ledger must make of a command. */
    public sealed interface Expected {

        /** Accepted, appending {@code events} events to the command's stream. */
        record Accepted(int events) implements Expected {
        }

        /** A repeat of an accepted command: nothing appended, nothing thrown. */
        record Repeat() implements Expected {
        }

        /** Refused with one of {@code codes}, nothing appended. */
        record Refused(Set<RuleCode> codes) implements Expected {
        }
    }

    private static final Expected REPEAT = new Expected.Repeat();

    private final Set<String> issuers;
    private final Set<String> oracles;
    private final GovernancePolicy defaultPolicy;
    private final Map<String, Series> series = new TreeMap<>();
    private final Map<String, String> seriesByCollateral = new HashMap<>();
    /** Feed (its aggregate id) to price id to the content accepted under it. */
    private final Map<String, Map<String, List<Object>>> acceptedPrices = new HashMap<>();
    /** Collateral unit to its latest accepted price. */
    private final Map<String, Money> latestCollateralPrices = new HashMap<>();
    /** Stream (aggregate id) to the number of events it must hold. */
    private final Map<String, Integer> streamSizes = new TreeMap<>();

    public ReferenceLedger(Set<String> issuers, Set<String> oracles, GovernancePolicy defaultPolicy) {
        this.issuers = Set.copyOf(issuers);
        this.oracles = Set.copyOf(oracles);
        this.defaultPolicy = defaultPolicy;
    }

    // --- commands ---

    /** Applies {@code command} sent by {@code actor} ({@code null}: no principal) and says what must happen. */
    public Expected handle(Object command, String actor, String stream) {
        Expected expected = decide(command, actor);
        if (expected instanceof Expected.Accepted accepted) {
            streamSizes.merge(stream, accepted.events(), Integer::sum);
        }
        return expected;
    }

    private Expected decide(Object command, String actor) {
        if (command instanceof IssueToken c) {
            return issue(c, actor);
        }
        if (command instanceof VerifyIssuance c) {
            return verify(c, actor);
        }
        if (command instanceof TransferUnits c) {
            return transfer(c, actor);
        }
        if (command instanceof PledgeUnits c) {
            return pledge(c, actor);
        }
        if (command instanceof ReleasePledge c) {
            return closePledge(series.get(c.tokenId().value()), c.pledgeId().value(), actor, Pledge.Stage.RELEASED);
        }
        if (command instanceof SeizePledge c) {
            return closePledge(series.get(c.tokenId().value()), c.pledgeId().value(), actor, Pledge.Stage.SEIZED);
        }
        if (command instanceof BurnUnits c) {
            return burn(c, actor);
        }
        if (command instanceof FlagByOracle c) {
            return flag(c, actor);
        }
        if (command instanceof PublishPrice c) {
            return publishPrice(c, actor);
        }
        throw new IllegalArgumentException("no rule for " + command);
    }

    private Expected issue(IssueToken c, String actor) {
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        if (!issuers.contains(actor)) {
            return refused(NOT_REGISTERED_ISSUER);
        }
        GovernancePolicy policy = c.policy() == null ? defaultPolicy : c.policy();
        List<Object> content = List.of(actor, c.computeUnit(), c.computeRights().value(), c.pricePerComputeRight(),
                c.collateral().collateralId(), c.collateral().unit(), c.collateral().qubits().value(),
                c.collateral().qubitPrice(), policy);
        Series existing = series.get(c.tokenId().value());
        if (existing != null) {
            return existing.issuance.equals(content) ? REPEAT : refused(SERIES_ALREADY_ISSUED);
        }
        if (seriesByCollateral.containsKey(c.collateral().collateralId())) {
            return refused(COLLATERAL_ALREADY_BACKS_A_SERIES);
        }
        Series issued = new Series(content, actor, c.collateral().unit(), c.collateral().qubits().value(),
                c.collateral().qubitPrice(), policy);
        issued.issued = c.computeRights().value();
        issued.outstanding = issued.issued;
        issued.account(actor).available = issued.issued;
        series.put(c.tokenId().value(), issued);
        seriesByCollateral.put(c.collateral().collateralId(), c.tokenId().value());
        return accepted(1);
    }

    private Expected verify(VerifyIssuance c, String actor) {
        Series s = series.get(c.tokenId().value());
        if (s == null) {
            return refused(UNKNOWN_TOKEN);
        }
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        if (!oracles.contains(actor)) {
            return refused(NOT_REGISTERED_ORACLE);
        }
        if (actor.equals(s.issuer)) {
            return refused(SELF_VERIFICATION);
        }
        if (actor.equals(s.verifiedBy)) {
            return REPEAT;
        }
        Set<RuleCode> broken = EnumSet.noneOf(RuleCode.class);
        if (s.verifiedBy != null) {
            broken.add(ALREADY_VERIFIED);
        }
        if (s.isSettled()) {
            broken.add(SERIES_ALREADY_SETTLED);
        }
        if (!broken.isEmpty()) {
            return new Expected.Refused(broken);
        }
        s.verifiedBy = actor;
        s.status = SeriesStatus.ACTIVE;
        return accepted(1);
    }

    private Expected transfer(TransferUnits c, String actor) {
        Series s = series.get(c.tokenId().value());
        String from = c.from().value();
        String to = c.to().value();
        long amount = c.amount().value();
        Expected refusal = whoActs(s, actor, from);
        if (refusal != null) {
            return refusal;
        }
        String key = "transfer:" + c.transferId().value();
        List<Object> content = List.of(from, to, amount);
        Expected seen = seenBefore(s, key, content);
        if (seen != null) {
            return seen;
        }
        Set<RuleCode> broken = stateRulesForMove(s, from, amount);
        if (from.equals(to)) {
            broken.add(SAME_HOLDER);
        }
        if (!broken.isEmpty()) {
            return new Expected.Refused(broken);
        }
        s.accepted.put(key, content);
        s.account(from).available -= amount;
        s.account(to).available += amount;
        return accepted(1);
    }

    private Expected pledge(PledgeUnits c, String actor) {
        Series s = series.get(c.tokenId().value());
        String pledger = c.pledger().value();
        String pledgee = c.pledgee().value();
        long amount = c.amount().value();
        Expected refusal = whoActs(s, actor, pledger);
        if (refusal != null) {
            return refusal;
        }
        String key = "pledge:" + c.pledgeId().value();
        List<Object> content = List.of(pledger, pledgee, amount);
        Expected seen = seenBefore(s, key, content);
        if (seen != null) {
            return seen;
        }
        Set<RuleCode> broken = stateRulesForMove(s, pledger, amount);
        if (pledger.equals(pledgee)) {
            broken.add(SAME_HOLDER);
        }
        if (!broken.isEmpty()) {
            return new Expected.Refused(broken);
        }
        s.accepted.put(key, content);
        s.account(pledger).available -= amount;
        s.account(pledger).pledged += amount;
        s.pledges.put(c.pledgeId().value(), new Pledge(pledger, pledgee, amount));
        return accepted(1);
    }

    /** A release ({@code closing} RELEASED) or a seizure (SEIZED) of a pledge by its pledgee. */
    private Expected closePledge(Series s, String pledgeId, String actor, Pledge.Stage closing) {
        if (s == null) {
            return refused(UNKNOWN_TOKEN);
        }
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        Pledge pledge = s.pledges.get(pledgeId);
        if (pledge == null) {
            return refused(UNKNOWN_PLEDGE);
        }
        if (!actor.equals(pledge.pledgee)) {
            return refused(NOT_PLEDGEE);
        }
        if (pledge.stage == closing) {
            return REPEAT;
        }
        if (pledge.stage != Pledge.Stage.OPEN) {
            return refused(PLEDGE_NOT_OPEN);
        }
        if (s.status != SeriesStatus.ACTIVE) {
            return refused(TOKEN_NOT_ACTIVE);
        }
        pledge.stage = closing;
        s.account(pledge.pledger).pledged -= pledge.amount;
        if (closing == Pledge.Stage.RELEASED) {
            s.account(pledge.pledger).available += pledge.amount;
        } else {
            s.account(pledge.pledgee).available += pledge.amount;
        }
        return accepted(1);
    }

    private Expected burn(BurnUnits c, String actor) {
        Series s = series.get(c.tokenId().value());
        String holder = c.holder().value();
        long amount = c.amount().value();
        Expected refusal = whoActs(s, actor, holder);
        if (refusal != null) {
            return refusal;
        }
        String key = "burn:" + c.burnId().value();
        List<Object> content = List.of(holder, amount, c.reason().strip());
        Expected seen = seenBefore(s, key, content);
        if (seen != null) {
            return seen;
        }
        Set<RuleCode> broken = stateRulesForMove(s, holder, amount);
        if (!broken.isEmpty()) {
            return new Expected.Refused(broken);
        }
        s.accepted.put(key, content);
        s.account(holder).available -= amount;
        s.outstanding -= amount;
        s.burned += amount;
        return accepted(1);
    }

    private Expected flag(FlagByOracle c, String actor) {
        Series s = series.get(c.tokenId().value());
        if (s == null) {
            return refused(UNKNOWN_TOKEN);
        }
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        if (!oracles.contains(actor)) {
            return refused(NOT_REGISTERED_ORACLE);
        }
        String key = "flag:" + c.flagId().value();
        List<Object> content = List.of(actor, c.verdict(), c.reason().strip());
        Expected seen = seenBefore(s, key, content);
        if (seen != null) {
            return seen;
        }
        if (s.isSettled()) {
            return refused(SERIES_ALREADY_SETTLED);
        }
        s.accepted.put(key, content);
        boolean hardStop = s.policy == GovernancePolicy.HARD_STOP
                || (s.policy == GovernancePolicy.HYBRID && c.verdict() == Verdict.ILLEGITIMATE);
        if (hardStop) {
            s.status = SeriesStatus.WORTHLESS;
            return accepted(1);
        }
        s.status = SeriesStatus.WOUND_UP;
        s.windUpPrice = latestCollateralPrices.getOrDefault(s.collateralUnit, s.qubitPrice);
        s.pledges.values().stream().filter(p -> p.stage == Pledge.Stage.OPEN)
                .forEach(p -> p.stage = Pledge.Stage.RELEASED);
        s.accounts.clear();
        s.burned += s.outstanding;
        s.outstanding = 0;
        return accepted(2);
    }

    private Expected publishPrice(PublishPrice c, String actor) {
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        if (!oracles.contains(actor)) {
            return refused(NOT_REGISTERED_ORACLE);
        }
        Map<String, List<Object>> accepted =
                acceptedPrices.computeIfAbsent(c.feedAggregateId(), feed -> new HashMap<>());
        List<Object> content = List.of(actor, c.price());
        List<Object> earlier = accepted.get(c.priceId().value());
        if (earlier != null) {
            return earlier.equals(content) ? REPEAT : refused(ID_REUSED_WITH_OTHER_CONTENT);
        }
        accepted.put(c.priceId().value(), content);
        if (c.feed().kind() == org.ctl.domain.pricing.PriceKind.COLLATERAL) {
            latestCollateralPrices.put(c.feed().unit(), c.price());
        }
        return accepted(1);
    }

    // --- what the model knows ---

    /** The number of events {@code stream} must hold. */
    public int streamSize(String stream) {
        return streamSizes.getOrDefault(stream, 0);
    }

    /** The balances every issued series must show, by series id. */
    public Map<String, SeriesBalances> balances() {
        Map<String, SeriesBalances> balances = new TreeMap<>();
        series.forEach((id, s) -> {
            Map<String, SeriesBalances.Position> positions = new TreeMap<>();
            s.accounts.forEach((holder, account) -> {
                if (account.available != 0 || account.pledged != 0) {
                    positions.put(holder, new SeriesBalances.Position(account.available, account.pledged));
                }
            });
            balances.put(id, new SeriesBalances(s.status, s.issued, s.outstanding, s.burned, positions));
        });
        return balances;
    }

    public boolean isIssued(String seriesId) {
        return series.containsKey(seriesId);
    }

    public SeriesStatus status(String seriesId) {
        Series s = series.get(seriesId);
        return s == null ? null : s.status;
    }

    public long available(String seriesId, String holder) {
        Series s = series.get(seriesId);
        Account account = s == null ? null : s.accounts.get(holder);
        return account == null ? 0 : account.available;
    }

    /** The holders of {@code seriesId} with available units. */
    public List<String> holdersWithAvailableUnits(String seriesId) {
        Series s = series.get(seriesId);
        List<String> holders = new ArrayList<>();
        if (s != null) {
            s.accounts.forEach((holder, account) -> {
                if (account.available > 0) {
                    holders.add(holder);
                }
            });
        }
        return holders;
    }

    /** A pledge of a series, by id, with its pledgee. */
    public record PledgeRef(String series, String pledgeId, String pledgee) {
    }

    /** Every pledge accepted so far, open or closed, series by series. */
    public List<PledgeRef> pledges() {
        List<PledgeRef> pledges = new ArrayList<>();
        series.forEach((id, s) -> s.pledges.forEach((pledgeId, p) -> pledges.add(new PledgeRef(id, pledgeId,
                p.pledgee))));
        return pledges;
    }

    /** The collateral registry's answer, for a ledger wired without the application: the series a collateral id backs. */
    public Optional<TokenId> seriesBackedBy(String collateralId) {
        return Optional.ofNullable(seriesByCollateral.get(collateralId)).map(TokenId::of);
    }

    /** The write side's price port answer: the latest accepted price of a collateral unit. */
    public Optional<Money> latestCollateralPrice(String unit) {
        return Optional.ofNullable(latestCollateralPrices.get(unit));
    }

    /** The price per collateral unit the graceful exit of {@code seriesId} was valued at. */
    public Money windUpPrice(String seriesId) {
        return series.get(seriesId).windUpPrice;
    }

    /** The collateral value, in cents, the graceful exit of {@code seriesId} split among holders. */
    public Money windUpValue(String seriesId) {
        Series s = series.get(seriesId);
        return new Money(s.windUpPrice.amount().multiply(BigDecimal.valueOf(s.qubits))
                .setScale(Money.DISPLAY_SCALE, RoundingMode.HALF_EVEN));
    }

    // --- shared rules ---

    private static Expected whoActs(Series s, String actor, String holder) {
        if (s == null) {
            return refused(UNKNOWN_TOKEN);
        }
        if (actor == null) {
            return refused(PRINCIPAL_MISSING);
        }
        return actor.equals(holder) ? null : refused(NOT_HOLDER);
    }

    /** A repeat, a reuse of the id with other content, or {@code null} for an id not seen before. */
    private static Expected seenBefore(Series s, String key, List<Object> content) {
        Object earlier = s.accepted.get(key);
        if (earlier == null) {
            return null;
        }
        return earlier.equals(content) ? REPEAT : refused(ID_REUSED_WITH_OTHER_CONTENT);
    }

    /** The rules a transfer, pledge or burn of {@code amount} from {@code holder} must meet. */
    private static Set<RuleCode> stateRulesForMove(Series s, String holder, long amount) {
        Set<RuleCode> broken = EnumSet.noneOf(RuleCode.class);
        if (s.status != SeriesStatus.ACTIVE) {
            broken.add(TOKEN_NOT_ACTIVE);
        }
        Account account = s.accounts.get(holder);
        if ((account == null ? 0 : account.available) < amount) {
            broken.add(INSUFFICIENT_AVAILABLE_BALANCE);
        }
        return broken;
    }

    private static Expected accepted(int events) {
        return new Expected.Accepted(events);
    }

    private static Expected refused(RuleCode code) {
        return new Expected.Refused(EnumSet.of(code));
    }

    // --- state ---

    private static final class Series {
        final List<Object> issuance;
        final String issuer;
        final String collateralUnit;
        final long qubits;
        final Money qubitPrice;
        final GovernancePolicy policy;
        SeriesStatus status = SeriesStatus.PENDING_VERIFICATION;
        String verifiedBy;
        Money windUpPrice;
        long issued;
        long outstanding;
        long burned;
        final Map<String, Account> accounts = new TreeMap<>();
        final Map<String, Pledge> pledges = new LinkedHashMap<>();
        /** Command kind and id to the content accepted under it. */
        final Map<String, Object> accepted = new HashMap<>();

        Series(List<Object> issuance, String issuer, String collateralUnit, long qubits, Money qubitPrice,
               GovernancePolicy policy) {
            this.issuance = issuance;
            this.issuer = issuer;
            this.collateralUnit = collateralUnit;
            this.qubits = qubits;
            this.qubitPrice = qubitPrice;
            this.policy = policy;
        }

        Account account(String holder) {
            return accounts.computeIfAbsent(holder, h -> new Account());
        }

        boolean isSettled() {
            return status == SeriesStatus.WORTHLESS || status == SeriesStatus.WOUND_UP;
        }
    }

    private static final class Account {
        long available;
        long pledged;
    }

    private static final class Pledge {
        enum Stage { OPEN, RELEASED, SEIZED }

        final String pledger;
        final String pledgee;
        final long amount;
        Stage stage = Stage.OPEN;

        Pledge(String pledger, String pledgee, long amount) {
            this.pledger = pledger;
            this.pledgee = pledgee;
            this.amount = amount;
        }
    }
}
