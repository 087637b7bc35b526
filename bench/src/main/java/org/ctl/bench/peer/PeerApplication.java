package org.ctl.bench.peer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Out-of-the-box Axon: Axon's Spring Boot auto-configuration and nothing of the ledger (only this package is
 * scanned). With JPA on the classpath Axon picks its JPA storage engine; an aggregate without a cache or a
 * snapshot trigger is loaded by re-reading its whole stream for every command.
 */
@SpringBootApplication
public class PeerApplication {
}
