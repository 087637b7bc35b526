package org.ctl.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.ctl.infra.axon.UniqueViolationResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded H2 ledger is one node's alone: its aggregate caches are plain (no check against the store), it signs
 * in to no cluster, and a duplicate (aggregate, sequence) still surfaces as Axon's ConcurrencyException.
 */
@SpringBootTest(properties = "ctl.data-dir=${java.io.tmpdir}/ctl-single-node-${random.uuid}")
class SingleNodeStorageTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void cachesArePlainAndNoClusterIsJoined() {
        assertThat(context.getBean("tokenSeriesCache", Cache.class)).isExactlyInstanceOf(WeakReferenceCache.class);
        assertThat(context.getBean("priceFeedCache", Cache.class)).isExactlyInstanceOf(WeakReferenceCache.class);
        assertThat(context.getBeansOfType(ClusterMembership.class)).isEmpty();
    }

    @Test
    void aDuplicateKeyOnH2IsRecognised() {
        PersistenceExceptionResolver resolver = context.getBean(PersistenceExceptionResolver.class);
        assertThat(resolver).isInstanceOf(UniqueViolationResolver.class);
        jdbc.update("INSERT INTO collateral_price (unit, price) VALUES ('DUP', 1)");
        DataAccessException duplicate = catchThrowableOfType(DataAccessException.class,
                () -> jdbc.update("INSERT INTO collateral_price (unit, price) VALUES ('DUP', 2)"));
        assertThat(resolver.isDuplicateKeyViolation(duplicate)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("not a database failure"))).isFalse();
    }

    @Test
    void anAppendAtATakenSequenceIsAConcurrencyException() {
        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-1", 0, "first"));
        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-1", 1, "second"));
        assertThat(catchThrowableOfType(ConcurrencyException.class, () -> eventStore.publish(
                new GenericDomainEventMessage<>("Probe", "probe-1", 1, "another second")))).isNotNull();
    }
}
