package org.ctl.infra.durability;

import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.nio.file.Path;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.infra.support.RunningLedger;

/**
 * A separate process for {@link KillNineDurabilityTest}: starts the real ledger on an H2 file, then sends one
 * transfer after another and prints {@code ACK <transferId>} for each one the gateway acknowledged, until it
 * is killed.
 */
public final class LoadDriver {

    static final String SERIES = "KILL";

    private LoadDriver() {
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args[0]);
        RunningLedger ledger = RunningLedger.start(dataDirectory, "logging.level.root=WARN");
        ledger.send("issuer", issue(SERIES, 1_000_000, "C-KILL", GovernancePolicy.HYBRID));
        ledger.send("oracle", verify(SERIES));
        System.out.println("READY");
        for (int i = 0; ; i++) {
            String transferId = "k-" + i;
            ledger.send("issuer", transfer(SERIES, transferId, "issuer", "alice", 1));
            System.out.println("ACK " + transferId);
            System.out.flush();
        }
    }
}
