package org.ctl.infra.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where sagas and deadlines live: Axon's JDBC saga store (built by Axon's auto-configuration on this schema)
 * on the tables of migration V8, in snake case like the other tables; and Axon's DbSchedulerDeadlineManager on
 * db-scheduler's {@code scheduled_tasks}, also V8 (db-scheduler's Spring Boot starter runs the scheduler). Both are
 * in the ledger's own database, so a loan's due instant and a poll's closing instant survive a restart; Axon's
 * SimpleDeadlineManager would keep them in memory only.
 */
@Configuration(proxyBeanMethods = false)
public class SagaConfiguration {

    /**
     * Axon's DbSchedulerDeadlineManager, as Axon's auto-configuration would build it, but with a serializer of its
     * own for the deadlines' scopes: the ledger's storage serializer reads and writes fields only, which loses an
     * aggregate scope's lazily resolved identifier, and an identifier declared as {@code Object} (a {@code PollId})
     * needs its type written to come back as itself rather than as a map.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler,
                                               org.axonframework.config.Configuration configuration,
                                               TransactionManager transactionManager,
                                               DeadlineManagerSpanFactory spanFactory) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(deadlineSerializer())
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's starter starts the scheduler once the application is ready, and stops it.
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /** Jackson through getters and creators (as Axon's scope descriptors expect), typing what is declared Object. */
    static Serializer deadlineSerializer() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.activateDefaultTyping(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.ctl.")
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("java.")
                        .build(),
                ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** The saga tables of the migrations; Axon's generic SQL runs on H2 and PostgreSQL alike. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }
}
