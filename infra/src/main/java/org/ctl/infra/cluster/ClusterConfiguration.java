package org.ctl.infra.cluster;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What lets several nodes share one event store: a token store that names each node apart, and (with
 * {@code ctl.cluster.shared-store=true}) the membership that shares the projections' segments out.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    /**
     * The name under which this node claims tokens: {@code ctl.cluster.node-id}, or Axon's default (the JVM's
     * {@code pid@host}) with a random suffix, so that two applications in one JVM (as in the tests) are two owners.
     */
    @Bean
    static LedgerNode ledgerNode(@Value("${ctl.cluster.node-id:}") String configured) {
        return new LedgerNode(configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : configured);
    }

    /**
     * Axon's JDBC token store as its auto-configuration builds it, plus the node id. A node extends its claims
     * while it lives; a claim older than {@code axon.eventhandling.tokenstore.claim-timeout} may be taken over by
     * another node, and a node whose claim was taken over cannot store its token (its batch rolls back).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties tokenStoreProperties, LedgerNode node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(node.id())
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "ctl.cluster.shared-store", havingValue = "true")
    ClusterMembership clusterMembership(JdbcTemplate jdbc, LedgerNode node, ClusterProperties cluster) {
        return new ClusterMembership(jdbc, node.id(), cluster.balancing());
    }

    /**
     * The balanced processors claim at most their fair share of segments (their claims are extended every second:
     * see {@code ProjectionSourceConfiguration}).
     */
    @Bean
    @ConditionalOnProperty(name = "ctl.cluster.shared-store", havingValue = "true")
    static ConfigurerModule fairShareOfSegments(ClusterProperties cluster,
                                                ObjectProvider<ClusterMembership> membership) {
        return configurer -> cluster.balancing().processors().forEach(processor -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(processor, (configuration, builder) -> builder
                        .maxSegmentProvider(name -> membership.getObject().getMaxSegments(name))));
    }
}
