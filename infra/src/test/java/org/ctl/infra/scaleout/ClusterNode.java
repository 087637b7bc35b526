package org.ctl.infra.scaleout;

import java.util.ArrayList;
import java.util.List;
import org.ctl.infra.LedgerApplication;
import org.ctl.infra.support.HttpLedgerClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ledger node of a scale-out test: the real application with the {@code postgres} profile on a shared schema,
 * its own port, its own node id and connection pool; in this JVM ({@link #start}) or, to be killed with SIGKILL,
 * as a process of its own ({@link NodeProcess}).
 */
final class ClusterNode implements Node, AutoCloseable {

    static final String PASSWORD_SUFFIX = "-secret";

    final String name;
    private final ConfigurableApplicationContext context;

    private ClusterNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /** The command-line arguments of a node named {@code node} on {@code schema}. */
    static List<String> arguments(PostgresSchema schema, String node, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.ctl.infra.cluster.ClusterMembership=INFO",
                "--logging.level.com.zaxxer.hikari=ERROR",
                "--spring.datasource.url=" + schema.url(node),
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.flyway.schemas=" + schema.name,
                "--spring.flyway.create-schemas=true",
                "--spring.flyway.locations=classpath:db/migration/{vendor},classpath:db/migration/common,"
                        + "classpath:db/scaleout-test",
                "--server.port=0",
                "--ctl.http.rate-limit.requests-per-second=100000",
                "--ctl.cluster.node-id=" + node,
                // Short timeouts, only to keep the test short: a dead node's claims move after 4 s.
                "--axon.eventhandling.tokenstore.claim-timeout=4s",
                "--ctl.cluster.balancing.node-timeout=4s",
                "--ctl.cluster.balancing.interval=500ms",
                // Axon gives a gap up after 2 s and checks the gaps at every read with more than one: the
                // slow-commit test holds two transactions open for longer than that.
                "--ctl.cluster.gaps.timeout=2s",
                "--ctl.cluster.gaps.cleaning-threshold=1",
                "--ctl.cluster.balancing.processors=series,balances,provenance," + HandledEventsProjection.GROUP,
                "--axon.eventhandling.processors." + HandledEventsProjection.GROUP + ".mode=pooled",
                "--axon.eventhandling.processors." + HandledEventsProjection.GROUP + ".initial-segment-count=6",
                "--axon.eventhandling.processors." + HandledEventsProjection.GROUP + ".batch-size=100",
                "--axon.eventhandling.processors." + HandledEventsProjection.GROUP + ".token-claim-interval=1000",
                "--ctl.participants.issuers=treasury",
                "--ctl.participants.oracles=verifier"));
        for (String principal : List.of("treasury:ISSUER", "verifier:ORACLE", "auditor:AUDITOR", "dana:HOLDER",
                "erin:HOLDER", "fay:HOLDER")) {
            String[] nameAndRole = principal.split(":");
            arguments.add("--ctl.security.users." + nameAndRole[0] + ".password={noop}" + nameAndRole[0]
                    + PASSWORD_SUFFIX);
            arguments.add("--ctl.security.users." + nameAndRole[0] + ".roles=" + nameAndRole[1]);
        }
        for (String property : extra) {
            arguments.add("--" + property);
        }
        return arguments;
    }

    static ClusterNode start(PostgresSchema schema, String node, String... extra) {
        return new ClusterNode(node, new SpringApplicationBuilder(LedgerApplication.class,
                HandledEventsProjection.Registration.class)
                .run(arguments(schema, node, extra).toArray(String[]::new)));
    }

    @Override
    public String name() {
        return name;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public HttpLedgerClient as(String principal) {
        return HttpLedgerClient.as(port(), principal, principal + PASSWORD_SUFFIX);
    }

    @Override
    public void close() {
        context.close();
    }
}
