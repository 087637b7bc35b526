package org.ctl.infra.faults;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo principals with passwords stored {noop} instead of bcrypt, for the tests that send a thousand
 * requests. HTTP Basic checks the password on every request, and a bcrypt check costs 70-100 ms of CPU, so on two
 * cores the flood would measure the password hash instead of the ledger's concurrency. Everything else, the
 * security filter chain and the principal carried into each command included, is the application's own.
 * ({noop} as the default id also stops Spring Security from "upgrading" the stored passwords to bcrypt at the
 * first sign-in, as it would with any other default.)
 *
 * <p>Deliberately not annotated as a configuration: the application's component scan covers this package when
 * other tests start it with {@code RunningLedger}, and only the tests that {@code @Import} it may get it.
 */
class CheapPasswords {

    @Bean
    @Primary
    @SuppressWarnings("deprecation") // NoOpPasswordEncoder: test principals only
    PasswordEncoder cheapPasswordEncoder() {
        return new DelegatingPasswordEncoder("noop",
                Map.of("noop", NoOpPasswordEncoder.getInstance(), "bcrypt", new BCryptPasswordEncoder()));
    }
}
