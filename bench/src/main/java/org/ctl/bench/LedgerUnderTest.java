package org.ctl.bench;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.infra.LedgerApplication;
import org.ctl.infra.principal.ActingAs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application — its own configuration, application.properties and all — started in this JVM on a
 * fresh store. The one addition: Boot's JPA auto-configuration is excluded, because the benchmark's classpath
 * carries Hibernate for the peer, and the ledger uses Axon's JDBC engine.
 */
final class LedgerUnderTest implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final CommandGateway commandGateway;

    private LedgerUnderTest(ConfigurableApplicationContext context) {
        this.context = context;
        this.commandGateway = context.getBean(CommandGateway.class);
    }

    static LedgerUnderTest start(Storage storage, List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(storage.ledgerArguments());
        arguments.add("--server.port=0");
        arguments.add("--spring.main.banner-mode=off");
        arguments.add("--logging.level.root=WARN");
        arguments.add("--spring.autoconfigure.exclude="
                + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration");
        arguments.addAll(extraArguments);
        return new LedgerUnderTest(new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    /** Sends {@code command} through the command gateway as {@code principal} and waits for its receipt. */
    CommandReceipt send(String principal, Object command) {
        return ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
