package org.ctl.query.provenance;

import static org.ctl.query.shared.Columns.holderOrNull;
import static org.ctl.query.shared.Columns.instant;
import static org.ctl.query.shared.Columns.unitsOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.provenance.FindProvenance;
import org.ctl.domain.provenance.FindProvenanceOfHolder;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.shared.Display;
import org.ctl.query.shared.PerBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every series' provenance chain ({@code provenance_entry}: one entry per event, in the series' order) and, per
 * holder, the entries in which it gave or received units ({@code provenance_party}). Answers
 * {@link FindProvenance} and {@link FindProvenanceOfHolder}.
 *
 * <p>The actor of an entry is the principal that caused it: the issuer of an issuance and the oracle of a
 * verification or flag (both in the event), the principal in the event's metadata for transfers, pledges, burns
 * and wind-ups, and the pledgee for a release or a seizure (only the pledgee may do either).
 *
 * <p>The handlers add a batch's entries to a {@link ProvenanceBatch}, inserted in the processor's transaction when
 * the batch commits ({@link PerBatch}); nothing is kept between batches. An event is recorded only when its series
 * has no entry at its sequence number yet.
 */
@Component
@ProcessingGroup(ProvenanceProjection.PROCESSING_GROUP)
@AllowReplay
public class ProvenanceProjection {

    /** The processing group (and processor) name of this projection. */
    public static final String PROCESSING_GROUP = "provenance";

    /** The kinds of entry, one per kind of series event. */
    public static final String ISSUED = "ISSUED";
    public static final String VERIFIED = "VERIFIED";
    public static final String TRANSFERRED = "TRANSFERRED";
    public static final String PLEDGED = "PLEDGED";
    public static final String PLEDGE_RELEASED = "PLEDGE_RELEASED";
    public static final String PLEDGE_SEIZED = "PLEDGE_SEIZED";
    public static final String BURNED = "BURNED";
    public static final String FLAGGED = "FLAGGED";
    public static final String WOUND_UP = "WOUND_UP";

    /** The longest detail stored (the column's size); a longer one, e.g. thousands of claims, is cut. */
    static final int MAX_DETAIL_LENGTH = 4000;

    private static final String ENTRY_COLUMNS = """
            e.token_id, e.sequence_number, e.event_id, e.occurred_at, e.kind, e.actor, e.from_holder, e.to_holder,
            e.amount, e.reference, e.detail""";

    private final JdbcTemplate jdbc;
    private final PerBatch<ProvenanceBatch> batch;

    public ProvenanceProjection(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
        this.batch = new PerBatch<>(PROCESSING_GROUP, jdbc, () -> new ProvenanceBatch(jdbc));
    }

    // --- events ---

    @EventHandler
    void on(TokenIssued event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message) {
        Collateral collateral = event.collateral();
        String detail = "issued " + event.computeRights() + " " + event.computeUnit() + " at "
                + Display.price(event.pricePerComputeRight()) + "; collateral " + collateral.collateralId() + ": "
                + collateral.qubits() + " " + collateral.unit() + " at " + Display.price(collateral.qubitPrice())
                + "; policy " + event.policy();
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, ISSUED,
                event.issuer(), null, event.issuer(), event.computeRights(), null, detail), List.of(event.issuer()));
    }

    @EventHandler
    void on(IssuanceVerified event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, VERIFIED,
                event.oracle(), null, null, null, null, "issuance verified; series " + SeriesStatus.ACTIVE), List.of());
    }

    @EventHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, TRANSFERRED,
                        actor(principal, event.from()), event.from(), event.to(), event.amount(),
                        event.transferId().value(),
                        Display.units(event.amount()) + " from " + event.from() + " to " + event.to()
                                + loanStep(event.transferId())),
                List.of(event.from(), event.to()));
    }

    @EventHandler
    void on(UnitsPledged event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, PLEDGED,
                        actor(principal, event.pledger()), event.pledger(), event.pledgee(), event.amount(),
                        event.pledgeId().value(),
                        Display.units(event.amount()) + " pledged by " + event.pledger() + " to " + event.pledgee()
                                + loanStep(event.pledgeId())),
                List.of(event.pledger(), event.pledgee()));
    }

    @EventHandler
    void on(PledgeReleased event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, PLEDGE_RELEASED,
                        event.pledgee(), event.pledger(), event.pledgee(), event.amount(), event.pledgeId().value(),
                        Display.units(event.amount()) + " released by " + event.pledgee() + ", available to "
                                + event.pledger() + " again"
                                + loanStep(event.pledgeId())),
                List.of(event.pledger(), event.pledgee()));
    }

    @EventHandler
    void on(PledgeSeized event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, PLEDGE_SEIZED,
                        event.pledgee(), event.pledger(), event.pledgee(), event.amount(), event.pledgeId().value(),
                        Display.units(event.amount()) + " seized by " + event.pledgee() + " from " + event.pledger()
                                + loanStep(event.pledgeId())),
                List.of(event.pledger(), event.pledgee()));
    }

    @EventHandler
    void on(UnitsBurned event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, BURNED,
                        actor(principal, event.holder()), event.holder(), null, event.amount(),
                        event.burnId().value(), Display.units(event.amount()) + " burned: " + event.reason()),
                List.of(event.holder()));
    }

    @EventHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message) {
        record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt, FLAGGED,
                event.oracle(), null, null, null, event.flagId().value(),
                event.verdict() + " → " + event.outcome() + ": " + event.reason()), List.of());
    }

    /**
     * The wind-up's actor is the oracle whose flag caused it: the principal in the metadata, or else the actor
     * of the flag entry with the same flag id (recorded just before, and rebuilt with it on a replay).
     */
    @EventHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            EventMessage<?> message, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal) {
        List<HolderId> claimants = event.claims().stream().map(CollateralClaim::holder).toList();
        String detail = windUpDetail(event);
        batch.apply(state -> {
            HolderId actor = actor(principal, state.flaggedBy(event.tokenId(), event.flagId()));
            state.record(new ProvenanceEntry(event.tokenId(), sequence, message.getIdentifier(), occurredAt,
                    WOUND_UP, actor, null, null, event.unitsBurned(), event.flagId().value(), detail), claimants);
        });
    }

    /**
     * What a loan's step on a series adds to its entry: the loan's id and the step, read from the command id the
     * loan saga derived ({@link LoanSteps}); nothing for any other command.
     */
    private static String loanStep(CommandId commandId) {
        return LoanSteps.stepOf(commandId.value()).map(step -> switch (step.step()) {
            case PLEDGE -> "; collateral of loan " + step.loanId().value();
            case LEND -> "; lent in loan " + step.loanId().value();
            case RETURN -> "; repaid in loan " + step.loanId().value();
        }).orElse("");
    }

    /** Empties this projection's tables before a replay rebuilds them from the first event. */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM provenance_party");
        jdbc.update("DELETE FROM provenance_entry");
    }

    // --- queries ---

    /** Answers a page of a series' provenance chain, in order from the issuance. */
    @QueryHandler
    public List<ProvenanceEntry> handle(FindProvenance query) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " " + """
                          FROM provenance_entry e
                         WHERE e.token_id = ?
                         ORDER BY e.sequence_number
                         LIMIT ? OFFSET ?""",
                (row, rowNumber) -> toEntry(row), query.tokenId().value(), query.page().limit(),
                query.page().offset());
    }

    /**
     * Answers a page of the entries in which a holder gave or received units, across series, in the order they
     * happened (by time; within one series by sequence number).
     */
    @QueryHandler
    public List<ProvenanceEntry> handle(FindProvenanceOfHolder query) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " " + """
                          FROM provenance_party p
                          JOIN provenance_entry e
                            ON e.token_id = p.token_id AND e.sequence_number = p.sequence_number
                         WHERE p.holder_id = ?
                         ORDER BY p.occurred_at, p.token_id, p.sequence_number
                         LIMIT ? OFFSET ?""",
                (row, rowNumber) -> toEntry(row), query.holder().value(), query.page().limit(),
                query.page().offset());
    }

    // --- helpers ---

    /** Adds an entry and its parties to the batch, unless its series has an entry at that sequence number. */
    private void record(ProvenanceEntry entry, List<HolderId> parties) {
        batch.apply(state -> state.record(entry, parties));
    }

    /** The principal of the event's metadata, or {@code fallback} for an event that carries none. */
    private static HolderId actor(String principal, HolderId fallback) {
        return principal == null || principal.isBlank() ? fallback : HolderId.of(principal);
    }

    /**
     * For example {@code "90 units burned; pledges released: P1; collateral value 1.60 at 0.20; claims: alice
     * 0.54, bob 0.36"}. Claims that would not fit the detail are counted instead of listed.
     */
    static String windUpDetail(SeriesWoundUp event) {
        String pledges = event.releasedPledges().isEmpty() ? "no open pledges"
                : "pledges released: " + event.releasedPledges().stream().map(CommandId::value)
                .collect(Collectors.joining(", "));
        StringBuilder detail = new StringBuilder()
                .append(Display.units(event.unitsBurned())).append(" burned; ")
                .append(pledges).append("; collateral value ").append(Display.cents(event.collateralValue()))
                .append(" at ").append(Display.price(event.collateralPrice())).append("; claims: ");
        if (event.claims().isEmpty()) {
            return detail.append("none").toString();
        }
        // Room for the longest "and N more" that can follow.
        int budget = MAX_DETAIL_LENGTH - 32;
        int listed = 0;
        for (CollateralClaim claim : event.claims()) {
            String part = (listed == 0 ? "" : ", ") + claim.holder() + " " + Display.cents(claim.claim());
            if (detail.length() + part.length() > budget) {
                break;
            }
            detail.append(part);
            listed++;
        }
        int left = event.claims().size() - listed;
        if (left > 0) {
            detail.append(listed == 0 ? "" : ", ").append("and ").append(left).append(" more");
        }
        return detail.toString();
    }

    private static ProvenanceEntry toEntry(ResultSet row) throws SQLException {
        Units amount = unitsOrNull(row, "amount");
        return new ProvenanceEntry(TokenId.of(row.getString("token_id")), row.getLong("sequence_number"),
                row.getString("event_id"), instant(row, "occurred_at"), row.getString("kind"),
                holderOrNull(row, "actor"), holderOrNull(row, "from_holder"), holderOrNull(row, "to_holder"), amount,
                row.getString("reference"), row.getString("detail"));
    }
}
