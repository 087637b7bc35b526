package org.ctl.infra.axon;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.ctl.infra.cluster.ClusterProperties;
import org.ctl.infra.config.LedgerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The write side's storage choices, in one place: Axon's JDBC storage engine on the application's data
 * source (its tables come from the Flyway migrations, never from Axon or Hibernate), and for each aggregate
 * type a cache and a snapshot every {@code ctl.storage.snapshot-threshold} events. The cache alone would
 * re-read a whole stream whenever the garbage collector clears an entry; the snapshot bounds that re-read.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Events read from the store per query while sourcing an aggregate or feeding a processor. */
    static final int STORAGE_BATCH_SIZE = 500;

    /** The event and snapshot tables of the migrations, in snake case (Axon's defaults are camel case). */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** The token table of the migrations; Axon's JDBC token store is built on it by Axon's auto-configuration. */
    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(EventSchema eventSchema,Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          ClusterProperties cluster) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(STORAGE_BATCH_SIZE)
                .readEventDataWithGaps(new EventsAfterGaps())
                .lastSequenceNumberFor(new LastSequenceNumberOfStream())
                // Gaps in the global index: see ClusterProperties.Gaps and the V6 migration (PostgreSQL).
                .gapTimeout((int) cluster.gaps().timeout().toMillis())
                .gapCleaningThreshold(cluster.gaps().cleaningThreshold())
                .maxGapOffset(cluster.gaps().maxOffset())
                .build();
    }

    /** A duplicate (aggregate, sequence) on append is a ConcurrencyException, on H2 and PostgreSQL alike. */
    @Bean
    static PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /**
     * Snapshots are taken on a thread of their own, never on the command's: taken on the command's thread, the
     * snapshot needs a second connection while the command still holds the series' lock, and commands queued
     * on that lock hold every other connection — a pool deadlock under a burst on one series (found by
     * ConcurrentTransfersTest). One thread, a bounded queue; a snapshot that does not fit is skipped, which
     * costs only a longer load until the next one.
     */
    @Bean(destroyMethod = "shutdown")
    static ThreadPoolExecutor snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                runnable -> {
                    Thread thread = new Thread(runnable, "ctl-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    @Bean
    static SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(ThreadPoolExecutor snapshotExecutor) {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(snapshotExecutor);
        return snapshotter;
    }

    @Bean
    SnapshotTriggerDefinition tokenSeriesSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.storage().snapshotThreshold());
    }

    @Bean
    SnapshotTriggerDefinition priceFeedSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.storage().snapshotThreshold());
    }

    @Bean
    Cache tokenSeriesCache(ClusterProperties cluster, ObjectProvider<EventStore> eventStore) {
        return aggregateCache(cluster, eventStore);
    }

    @Bean
    Cache priceFeedCache(ClusterProperties cluster, ObjectProvider<EventStore> eventStore) {
        return aggregateCache(cluster, eventStore);
    }

    /** With other nodes writing to the same store, a cached aggregate is checked against it before each use. */
    private static Cache aggregateCache(ClusterProperties cluster, ObjectProvider<EventStore> eventStore) {
        Cache cache = new WeakReferenceCache();
        return cluster.sharedStore() ? new StoreCheckedCache(cache, eventStore::getObject) : cache;
    }
}
