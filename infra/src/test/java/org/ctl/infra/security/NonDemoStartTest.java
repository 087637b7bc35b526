package org.ctl.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.ctl.infra.LedgerApplication;
import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The demo principals exist only in the demo profile; any other run refuses to start with demo credentials. */
class NonDemoStartTest {

    @TempDir
    Path dataDirectory;

    ConfigurableApplicationContext start(String... arguments) {
        String[] common = {"--spring.profiles.active=operations", "--ctl.data-dir=" + dataDirectory,
                "--server.port=0", "--ctl.participants.issuers=treasury", "--ctl.participants.oracles=verifier"};
        String[] all = new String[common.length + arguments.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(arguments, 0, all, common.length, arguments.length);
        return new SpringApplicationBuilder(LedgerApplication.class).run(all);
    }

    @Test
    void refusesToStartWithDemoCredentials() {
        assertThatThrownBy(() -> start("--ctl.security.users.alice.password={noop}alice",
                "--ctl.security.users.alice.roles=HOLDER"))
                .hasStackTraceContaining("demo credentials");
    }

    @Test
    void refusesToStartWithoutPrincipals() {
        assertThatThrownBy(this::start).hasStackTraceContaining("No principals");
    }

    @Test
    void startsWithConfiguredPrincipalsAndKnowsNoDemoOne() {
        String encoded = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("s3cret-treasury");
        try (ConfigurableApplicationContext ledger = start("--ctl.security.users.treasury.password=" + encoded,
                "--ctl.security.users.treasury.roles=ISSUER")) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            assertThat(HttpLedgerClient.as(port, "treasury", "s3cret-treasury").get("/api/tokens").status())
                    .isEqualTo(200);
            assertThat(HttpLedgerClient.as(port, "alice").get("/api/tokens").status()).isEqualTo(401);
            assertThat(HttpLedgerClient.as(port, "issuer").get("/api/tokens").status()).isEqualTo(401);
        }
    }
}
