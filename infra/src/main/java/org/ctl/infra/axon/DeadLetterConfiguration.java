package org.ctl.infra.axon;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections' dead letters. An event that a projection cannot apply (a poison event) is parked in Axon's
 * sequenced dead-letter queue together with every later event of the same series (Axon's default sequencing
 * policy: per aggregate), while the processor goes on with the other series. The queue is switched on per
 * processor by {@code axon.eventhandling.processors.<group>.dlq.enabled=true}; Axon's JDBC auto-configuration
 * then builds a {@code JdbcSequencedDeadLetterQueue} on the table of this class's {@link #deadLetterSchema()}
 * (created by the V3 migration).
 *
 * <p>The dead-lettering invoker catches a handler's failure itself (it always invokes the handlers with a
 * propagating error handler of its own), so the {@code PropagatingErrorHandler} registered by
 * {@link CommandBusConfiguration} does not reach, or stop, these processors; it still governs every group
 * without a queue (the write side's lookups).
 *
 * <p>A parked event leaves no trace in the read models: the projections fold a batch in memory and refuse an event
 * before they change anything, and a batch the database refuses is run again one event at a time, each within a
 * savepoint ({@code org.ctl.query.shared.PerBatch}).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** The processing groups whose failing events are dead-lettered: the query side's projections. */
    public static final List<String> DEAD_LETTERING_GROUPS = List.of(SeriesProjection.PROCESSING_GROUP,
            BalanceProjection.PROCESSING_GROUP, ProvenanceProjection.PROCESSING_GROUP);

    /** The table of the V3 migration, in snake case like the event and token tables. */
    @Bean
    static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * For each projection's dead-lettering invoker: a reset (before a replay) also empties the group's queue,
     * since the replay applies every event again from the first, parked ones included; and a cache of the series
     * known not to be in the queue, which spares the queue lookup for each event of a healthy series.
     *
     * <p>This replaces what {@code axon.eventhandling.processors.<group>.dlq.cache.*} would configure (Axon keeps
     * one such configuration per group): do not set those properties for these groups.
     */
    @Bean
    static ConfigurerModule projectionDeadLetterInvokers() {
        return configurer -> DEAD_LETTERING_GROUPS.forEach(group -> configurer.eventProcessing()
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, invoker) -> invoker
                        .allowReset(true)
                        .enableSequenceIdentifierCache()));
    }
}
