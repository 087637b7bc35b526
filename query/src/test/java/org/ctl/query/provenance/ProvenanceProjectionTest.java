package org.ctl.query.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ctl.query.Events.burned;
import static org.ctl.query.Events.claim;
import static org.ctl.query.Events.flagged;
import static org.ctl.query.Events.issued;
import static org.ctl.query.Events.pledged;
import static org.ctl.query.Events.released;
import static org.ctl.query.Events.seized;
import static org.ctl.query.Events.transferred;
import static org.ctl.query.Events.verified;
import static org.ctl.query.Events.woundUp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.query.Events;
import org.ctl.query.Ledger;
import org.ctl.query.ReadModelDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProvenanceProjectionTest {

    private static HolderId holder(String name) {
        return name == null ? null : HolderId.of(name);
    }

    @Nested
    class OfASeries {

        @Test
        void tellsEveryEventInOrderWithActorCounterpartiesAmountReferenceTimeAndEventId() {
            Ledger ledger = new Ledger();
            List<DomainEventMessage<?>> messages = new ArrayList<>();
            messages.add(ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1", "C1", 8, "0.2",
                    GovernancePolicy.HYBRID)));
            messages.add(ledger.record("oracle", verified("S1", "oracle")));
            messages.add(ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6)));
            messages.add(ledger.record("alice", pledged("S1", "P1", "alice", "carol", 3)));
            messages.add(ledger.record("carol", released("S1", "P1", "alice", "carol", 3)));
            messages.add(ledger.record("alice", pledged("S1", "P2", "alice", "carol", 1)));
            messages.add(ledger.record("carol", seized("S1", "P2", "alice", "carol", 1)));
            messages.add(ledger.record("alice", burned("S1", "B1", "alice", 2, "compute redeemed")));
            messages.add(ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.ILLEGITIMATE,
                    "collateral never existed", GovernancePolicy.HYBRID)));

            List<ProvenanceEntry> chain = ledger.provenance("S1", Page.FIRST);

            assertThat(chain).extracting(ProvenanceEntry::sequence, ProvenanceEntry::kind, ProvenanceEntry::actor,
                    ProvenanceEntry::from, ProvenanceEntry::to, ProvenanceEntry::amount, ProvenanceEntry::reference,
                    ProvenanceEntry::detail).containsExactly(
                    tuple(0L, "ISSUED", holder("issuer"), null, holder("issuer"), Units.of(10), null,
                            "issued 10 H100-GPU-HOUR at 1.00; collateral C1: 8 QUBIT at 0.20; policy HYBRID"),
                    tuple(1L, "VERIFIED", holder("oracle"), null, null, null, null,
                            "issuance verified; series ACTIVE"),
                    tuple(2L, "TRANSFERRED", holder("issuer"), holder("issuer"), holder("alice"), Units.of(6), "T1",
                            "6 units from issuer to alice"),
                    tuple(3L, "PLEDGED", holder("alice"), holder("alice"), holder("carol"), Units.of(3), "P1",
                            "3 units pledged by alice to carol"),
                    tuple(4L, "PLEDGE_RELEASED", holder("carol"), holder("alice"), holder("carol"), Units.of(3), "P1",
                            "3 units released by carol, available to alice again"),
                    tuple(5L, "PLEDGED", holder("alice"), holder("alice"), holder("carol"), Units.of(1), "P2",
                            "1 unit pledged by alice to carol"),
                    tuple(6L, "PLEDGE_SEIZED", holder("carol"), holder("alice"), holder("carol"), Units.of(1), "P2",
                            "1 unit seized by carol from alice"),
                    tuple(7L, "BURNED", holder("alice"), holder("alice"), null, Units.of(2), "B1",
                            "2 units burned: compute redeemed"),
                    tuple(8L, "FLAGGED", holder("oracle"), null, null, null, "F1",
                            "ILLEGITIMATE → WORTHLESS: collateral never existed"));
            assertThat(chain).extracting(ProvenanceEntry::eventId)
                    .containsExactlyElementsOf(messages.stream().map(DomainEventMessage::getIdentifier).toList());
            assertThat(chain).extracting(ProvenanceEntry::occurredAt)
                    .containsExactlyElementsOf(IntStream.range(0, 9).mapToObj(Ledger::timeOf).toList());
            assertThat(chain).allSatisfy(entry -> assertThat(entry.tokenId()).isEqualTo(TokenId.of("S1")));
        }

        @Test
        void aWindUpNamesItsOracleTheReleasedPledgesAndEveryClaim() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            ledger.record("alice", pledged("S1", "P1", "alice", "bob", 2));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "audit pending",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("oracle", woundUp("S1", "F1", List.of("P1"), 10, "0.5", "4.00",
                    claim("alice", 6, "2.40"), claim("issuer", 4, "1.60")));

            List<ProvenanceEntry> chain = ledger.provenance("S1", new Page(4, 10));

            assertThat(chain).extracting(ProvenanceEntry::kind, ProvenanceEntry::actor, ProvenanceEntry::amount,
                    ProvenanceEntry::reference, ProvenanceEntry::detail).containsExactly(
                    tuple("FLAGGED", holder("oracle"), null, "F1", "DISPUTED → WOUND_UP: audit pending"),
                    tuple("WOUND_UP", holder("oracle"), Units.of(10), "F1",
                            "10 units burned; pledges released: P1; collateral value 4.00 at 0.50;"
                                    + " claims: alice 2.40, issuer 1.60"));
        }

        @Test
        void aWindUpWithoutPrincipalIsCreditedToTheOracleOfItsFlag() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("oracle-2", verified("S1", "oracle-2"));
            ledger.record("oracle-2", flagged("S1", "F1", "oracle-2", Verdict.DISPUTED, "audit pending",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record(null, woundUp("S1", "F1", List.of(), 10, "0.20", "1.60", claim("issuer", 10, "1.60")));

            ProvenanceEntry windUp = ledger.provenance("S1", new Page(3, 1)).get(0);
            assertThat(windUp.kind()).isEqualTo("WOUND_UP");
            assertThat(windUp.actor()).isEqualTo(holder("oracle-2"));
            assertThat(windUp.detail()).isEqualTo(
                    "10 units burned; no open pledges; collateral value 1.60 at 0.20; claims: issuer 1.60");
        }

        @Test
        void aMoveWithoutPrincipalIsCreditedToTheHolderItMovedFrom() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record(null, transferred("S1", "T1", "issuer", "alice", 6));

            assertThat(ledger.provenance("S1", new Page(2, 1)).get(0).actor()).isEqualTo(holder("issuer"));
        }

        @Test
        void isPagedInSequenceOrder() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            for (int transfer = 1; transfer <= 5; transfer++) {
                ledger.record("issuer", transferred("S1", "T" + transfer, "issuer", "alice", 1));
            }

            assertThat(ledger.provenance("S1", new Page(0, 3))).extracting(ProvenanceEntry::sequence)
                    .containsExactly(0L, 1L, 2L);
            assertThat(ledger.provenance("S1", new Page(3, 3))).extracting(ProvenanceEntry::sequence)
                    .containsExactly(3L, 4L, 5L);
            assertThat(ledger.provenance("S1", new Page(6, 3))).extracting(ProvenanceEntry::sequence)
                    .containsExactly(6L);
            assertThat(ledger.provenance("S2", Page.FIRST)).isEmpty();
        }
    }

    @Nested
    class OfAHolder {

        @Test
        void listsWhereItsUnitsCameFromAndWentAcrossSeriesInTheOrderItHappened() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S2", "issuer", "A100-GPU-HOUR", 5, "1.00", "C2", 8, "0.20",
                    GovernancePolicy.GRACEFUL_EXIT));
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("oracle", verified("S2", "oracle"));
            ledger.record("issuer", transferred("S2", "T1", "issuer", "alice", 3));
            ledger.record("issuer", transferred("S1", "T2", "issuer", "bob", 4));
            ledger.record("bob", transferred("S1", "T3", "bob", "alice", 2));
            ledger.record("alice", pledged("S1", "P1", "alice", "carol", 1));
            ledger.record("oracle", flagged("S1", "F1", "oracle", Verdict.DISPUTED, "disputed",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", woundUp("S1", "F1", List.of("P1"), 10, "0.20", "1.60",
                    claim("alice", 2, "0.32"), claim("bob", 2, "0.32"), claim("issuer", 6, "0.96")));
            ledger.record("alice", burned("S2", "B1", "alice", 1, "redeemed"));

            assertThat(ledger.provenanceOf("alice", Page.FIRST))
                    .extracting(entry -> entry.tokenId().value(), ProvenanceEntry::kind, ProvenanceEntry::reference)
                    .containsExactly(
                            tuple("S2", "TRANSFERRED", "T1"),
                            tuple("S1", "TRANSFERRED", "T3"),
                            tuple("S1", "PLEDGED", "P1"),
                            tuple("S1", "WOUND_UP", "F1"),
                            tuple("S2", "BURNED", "B1"));
            assertThat(ledger.provenanceOf("carol", Page.FIRST)).extracting(ProvenanceEntry::kind)
                    .containsExactly("PLEDGED");
            assertThat(ledger.provenanceOf("issuer", new Page(0, 3)))
                    .extracting(entry -> entry.tokenId().value(), ProvenanceEntry::kind)
                    .containsExactly(tuple("S2", "ISSUED"), tuple("S1", "ISSUED"), tuple("S2", "TRANSFERRED"));
            assertThat(ledger.provenanceOf("issuer", new Page(3, 3)))
                    .extracting(entry -> entry.tokenId().value(), ProvenanceEntry::kind)
                    .containsExactly(tuple("S1", "TRANSFERRED"), tuple("S1", "WOUND_UP"));
            assertThat(ledger.provenanceOf("oracle", Page.FIRST)).isEmpty();
        }
    }

    @Nested
    class Bounds {

        @Test
        void aWindUpWithMoreClaimsThanTheDetailHoldsListsWhatFitsAndCountsTheRest() {
            List<CollateralClaim> claims = IntStream.range(0, 1000)
                    .mapToObj(index -> claim("holder-%04d".formatted(index), 1, "0.01")).toList();
            String detail = ProvenanceProjection.windUpDetail(Events.woundUp("S1", "F1", List.of(), 1000, "0.01",
                    "10.00", claims.toArray(CollateralClaim[]::new)));

            assertThat(detail).hasSizeLessThanOrEqualTo(ProvenanceProjection.MAX_DETAIL_LENGTH)
                    .startsWith("1000 units burned; no open pledges; collateral value 10.00 at 0.01; claims: "
                            + "holder-0000 0.01, holder-0001 0.01")
                    .matches(".*, and \\d+ more$");
            int listed = detail.split("holder-", -1).length - 1;
            int counted = Integer.parseInt(detail.replaceAll(".*, and (\\d+) more$", "$1"));
            assertThat(listed + counted).isEqualTo(1000);
        }
    }

    @Nested
    class Repeats {

        @Test
        void anEventDeliveredTwiceIsToldOnce() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            DomainEventMessage<?> transfer = ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));

            ledger.redeliver(transfer);

            assertThat(ledger.provenance("S1", Page.FIRST)).hasSize(3);
            assertThat(ledger.provenanceOf("alice", Page.FIRST)).hasSize(1);
        }
    }

    @Nested
    class Reset {

        @Test
        void emptiesTheEntriesAndTheirParties() {
            Ledger ledger = new Ledger();
            ledger.record("issuer", issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20",
                    GovernancePolicy.HYBRID));
            ledger.record("oracle", verified("S1", "oracle"));
            ledger.record("issuer", transferred("S1", "T1", "issuer", "alice", 6));
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "provenance_entry")).isEqualTo(3);
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "provenance_party")).isEqualTo(3);

            ledger.provenanceProjection.reset();

            assertThat(ReadModelDatabase.rows(ledger.jdbc, "provenance_entry")).isZero();
            assertThat(ReadModelDatabase.rows(ledger.jdbc, "provenance_party")).isZero();
            assertThat(ledger.provenance("S1", Page.FIRST)).isEmpty();
        }
    }
}
