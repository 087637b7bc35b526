package org.ctl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;

/**
 * A large, valid ledger history written straight into the event store through Axon's storage engine (the
 * ledger's serializer, schema and global index), in transactions of {@value #BATCH} events: {@code series}
 * series, each issued, verified, its units seeded to ten holders and then moved among them one unit at a time.
 * Holder {@code k} of series {@code s} is {@code holder-((10·s + k) mod holders)}, so 1,000 series reach
 * 10,000 distinct holders. No command path is involved: this is the fixture for the replay and the heap figure.
 */
final class EventFixture {

    static final int BATCH = 2_000;
    static final int HOLDERS_PER_SERIES = 10;

    private EventFixture() {
    }

    /** Appends about {@code events} events; answers how many it appended. */
    static long append(LedgerUnderTest ledger, long events, int series, int holders) {
        EventStorageEngine storage = ledger.bean(EventStorageEngine.class);
        TransactionManager transactions = ledger.bean(TransactionManager.class);
        // Rounded up, so that the store holds at least the events asked for.
        long perSeries = Math.max(2 + HOLDERS_PER_SERIES + 1, (events + series - 1) / series);
        SplittableRandom random = new SplittableRandom(8);
        List<EventMessage<?>> batch = new ArrayList<>(BATCH);
        long appended = 0;
        for (int s = 0; s < series; s++) {
            String token = "fixture-%05d".formatted(s);
            HolderId[] owners = new HolderId[HOLDERS_PER_SERIES];
            for (int k = 0; k < HOLDERS_PER_SERIES; k++) {
                owners[k] = HolderId.of("holder-%05d".formatted((HOLDERS_PER_SERIES * s + k) % holders));
            }
            TokenId tokenId = TokenId.of(token);
            HolderId issuer = HolderId.of(LedgerCommands.ISSUER);
            long sequence = 0;
            batch.add(event(token, sequence++, LedgerCommands.ISSUER, new TokenIssued(tokenId, issuer,
                    "H100-GPU-HOUR", Units.of(1_000_000_000L), Money.of("1.00"),
                    new Collateral("fixture-collateral-" + s, Collateral.DEFAULT_UNIT, Units.of(8), Money.of("0.20")),
                    GovernancePolicy.HYBRID)));
            batch.add(event(token, sequence++, LedgerCommands.ORACLE,
                    new IssuanceVerified(tokenId, HolderId.of(LedgerCommands.ORACLE))));
            for (HolderId owner : owners) {
                batch.add(event(token, sequence++, LedgerCommands.ISSUER, new UnitsTransferred(tokenId,
                        CommandId.of("seed-" + sequence), issuer, owner, Units.of(1_000_000))));
            }
            while (sequence < perSeries) {
                int from = random.nextInt(HOLDERS_PER_SERIES);
                int to = (from + 1 + random.nextInt(HOLDERS_PER_SERIES - 1)) % HOLDERS_PER_SERIES;
                batch.add(event(token, sequence++, owners[from].value(), new UnitsTransferred(tokenId,
                        CommandId.of("move-" + sequence), owners[from], owners[to], Units.of(1))));
                if (batch.size() >= BATCH) {
                    appended += flush(storage, transactions, batch);
                }
            }
            if (batch.size() >= BATCH) {
                appended += flush(storage, transactions, batch);
            }
        }
        appended += flush(storage, transactions, batch);
        return appended;
    }

    private static EventMessage<?> event(String aggregate, long sequence, String principal, Object payload) {
        return new GenericDomainEventMessage<>("TokenSeries", aggregate, sequence, payload,
                MetaData.from(Map.of(ActingPrincipal.METADATA_KEY, principal)));
    }

    private static int flush(EventStorageEngine storage, TransactionManager transactions,
                             List<EventMessage<?>> batch) {
        int size = batch.size();
        if (size > 0) {
            List<EventMessage<?>> events = List.copyOf(batch);
            transactions.executeInTransaction(() -> storage.appendEvents(events));
            batch.clear();
        }
        return size;
    }
}
