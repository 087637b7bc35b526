package org.ctl.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Compute-Token Ledger: command side, query side and storage in one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.ctl")
@ConfigurationPropertiesScan("org.ctl.infra")
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
