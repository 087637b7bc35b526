package org.ctl.infra.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An acknowledged command survives a {@code kill -9} of the process, not only a clean stop: the ledger runs
 * as its own process under load, is killed with SIGKILL after a number of acknowledgements, and the restarted
 * ledger holds every acknowledged transfer (and at most the one that was in flight).
 */
class KillNineDurabilityTest {

    @TempDir
    Path temporaryDirectory;

    @ParameterizedTest(name = "killed after {0} acknowledgements")
    @ValueSource(ints = {1, 250})
    void losesNoAcknowledgedCommand(int acknowledgementsBeforeKill) throws Exception {
        Path dataDirectory = temporaryDirectory.resolve("killed-after-" + acknowledgementsBeforeKill);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        // C1 only and the serial collector: the same code, started with less than half the CPU time.
        Process ledgerProcess = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LoadDriver.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Void> enoughAcknowledged = new CompletableFuture<>();
        Thread reader = new Thread(() -> readAcknowledgements(ledgerProcess, acknowledged,
                acknowledgementsBeforeKill, enoughAcknowledged));
        reader.start();
        try {
            enoughAcknowledged.get(120, TimeUnit.SECONDS);
        } finally {
            ledgerProcess.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, no clean close
            ledgerProcess.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        Files.deleteIfExists(dataDirectory.resolve("ledger.lock.db"));

        try (RunningLedger ledger = RunningLedger.start(dataDirectory)) {
            Set<String> stored = new LinkedHashSet<>();
            ledger.events(LoadDriver.SERIES).stream().map(event -> event.getPayload())
                    .filter(UnitsTransferred.class::isInstance)
                    .forEach(payload -> stored.add(((UnitsTransferred) payload).transferId().value()));

            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(acknowledgementsBeforeKill);
            assertThat(stored).as("every acknowledged transfer is stored").containsAll(acknowledged);
            assertThat(stored.size()).as("at most the one transfer in flight at the kill is stored unacknowledged")
                    .isBetween(acknowledged.size(), acknowledged.size() + 1);

            // The restarted series knows alice's balance exactly: all of it moves, one unit more does not.
            int aliceUnits = stored.size();
            assertThat(ledger.refusal("alice", transfer(LoadDriver.SERIES, "after-over", "alice", "bob",
                    aliceUnits + 1))).isEqualTo(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            ledger.send("alice", transfer(LoadDriver.SERIES, "after-all", "alice", "bob", aliceUnits));
        }
    }

    private static void readAcknowledgements(Process process, Set<String> acknowledged, int wanted,
                                             CompletableFuture<Void> enough) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder other = new StringBuilder();
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                    if (acknowledged.size() >= wanted) {
                        enough.complete(null);
                    }
                } else if (other.length() < 20_000) {
                    other.append(line).append('\n');
                }
            }
            enough.completeExceptionally(new AssertionError("the ledger process ended early:\n" + other));
        } catch (IOException closed) {
            enough.completeExceptionally(closed);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
