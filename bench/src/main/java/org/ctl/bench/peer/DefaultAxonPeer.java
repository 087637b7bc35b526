package org.ctl.bench.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The peer started on its own store. Settings beyond Axon's and Boot's defaults: the data source, Hibernate
 * creating Axon's JPA tables, Jackson as Axon's serializer (the ledger's too; Axon's default XStream needs
 * allow-listing for records), no update check, no web server; and {@code spring.config.name} so that the
 * ledger's application.properties on this classpath is not read.
 */
public final class DefaultAxonPeer implements AutoCloseable {

    public static final int HOLDERS = 8;
    public static final String SERIES = "peer-hot-series";

    private final ConfigurableApplicationContext context;
    private final CommandGateway commandGateway;

    private DefaultAxonPeer(ConfigurableApplicationContext context) {
        this.context = context;
        this.commandGateway = context.getBean(CommandGateway.class);
    }

    public static DefaultAxonPeer start(List<String> dataSourceArguments) {
        List<String> arguments = new ArrayList<>(dataSourceArguments);
        arguments.addAll(List.of(
                "--spring.config.name=ctl-bench-peer",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--spring.flyway.enabled=false",
                "--spring.jpa.hibernate.ddl-auto=create",
                "--spring.jpa.open-in-view=false",
                "--axon.update-check.disabled=true",
                "--axon.serializer.general=jackson",
                "--axon.serializer.events=jackson",
                "--axon.serializer.messages=jackson"));
        DefaultAxonPeer peer = new DefaultAxonPeer(new SpringApplicationBuilder(PeerApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new)));
        Map<String, Long> balances = new TreeMap<>();
        for (int h = 0; h < HOLDERS; h++) {
            balances.put(holder(h), 100_000_000L);
        }
        peer.commandGateway.sendAndWait(new IssuePeerSeries(SERIES, balances));
        // The first transfer pays for Hibernate's query parsing and the like, outside any measured window.
        peer.transfer("first", 0, 0);
        return peer;
    }

    /** The hot workload's transfer of client thread {@code thread}, as on the ledger. */
    public void transfer(String round, int thread, long call) {
        commandGateway.sendAndWait(new TransferPeerUnits(SERIES, round + "-" + thread + "-" + call,
                holder(thread % HOLDERS), holder((thread + 1) % HOLDERS), 1));
    }

    static String holder(int index) {
        return "hot-holder-" + index;
    }

    @Override
    public void close() {
        context.close();
    }
}
