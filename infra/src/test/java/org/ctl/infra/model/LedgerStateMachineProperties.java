package org.ctl.infra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.ctl.command.series.ReferenceLedger;
import org.ctl.domain.shared.RuleCode;
import org.ctl.infra.support.RunningLedger;

/**
 * Model-based test of the whole ledger: jqwik action chains over every command, several holders and series,
 * valid and invalid, sent through the application's command gateway on its real H2 event store, each step
 * compared with {@link ReferenceLedger} (accepted with the expected events and receipt, a harmless repeat, or
 * refused by a rule the model names, appending nothing), and after every step every stream of the try read back
 * from the event store and folded by {@link StoredFold}: no negative balance, outstanding = Σ (available +
 * pledged), issued = outstanding + burned, all equal to the model.
 *
 * <p>One application context serves the whole property; each try (and each shrinking attempt) works on its own
 * fresh series, collateral ids and price feeds, named with a prefix of its own, so tries never see each other.
 */
class LedgerStateMachineProperties {

    static final int TRIES = 1_000;
    static final int MIN_STEPS = 8;
    static final int MAX_STEPS = 15;

    private static Path dataDirectory;
    private static RunningLedger ledger;
    private static long propertyStarted;
    private static long cpuStarted;

    @BeforeContainer
    static void startLedger() throws IOException {
        dataDirectory = Files.createTempDirectory("ctl-model-");
        ledger = RunningLedger.start(dataDirectory, LedgerWorld.LEDGER_PROPERTIES);
        propertyStarted = System.nanoTime();
        cpuStarted = processCpuNanos();
    }

    @AfterContainer
    static void stopLedger() throws IOException {
        long millis = (System.nanoTime() - propertyStarted) / 1_000_000;
        long cpuMillis = (processCpuNanos() - cpuStarted) / 1_000_000;
        System.out.printf("LedgerStateMachineProperties: %d steps (commands) in %d ms on the real store"
                + " (%d ms of CPU in this JVM)%n", LedgerWorld.STEPS.get(), millis, cpuMillis);
        try {
            if (ledger != null) {
                ledger.close();
            }
        } finally {
            if (dataDirectory != null) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /**
     * 1,000 chains of 8 to 15 steps (fewer when shrunk). The outcome of every step (command and outcome) is
     * collected, so that the coverage check can say the generators reach every rule that matters; set the report
     * mode to STANDARD to see them.
     */
    @Property(tries = TRIES)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyStepAgreesWithTheModelAndConservesUnits(@ForAll("chains") ActionChain<LedgerWorld> chain) {
        LedgerWorld end = chain.withInvariant("stored series fold into conserved balances equal to the model's",
                LedgerWorld::checkInvariants).run();
        end.checkOtherStreams();

        Statistics.label("outcome").coverage(coverage -> {
            for (String command : List.of("IssueToken", "VerifyIssuance", "TransferUnits", "PledgeUnits",
                    "ReleasePledge", "SeizePledge", "BurnUnits", "FlagByOracle", "PublishPrice")) {
                for (String outcome : List.of("accepted", "repeat")) {
                    coverage.check(command, outcome).count((Consumer<Integer>) count ->
                            assertThat(count).as("steps with %s %s", command, outcome).isPositive());
                }
            }
            for (String outcome : List.of("accepted, wound up",
                    RuleCode.PRINCIPAL_MISSING.name(), RuleCode.NOT_REGISTERED_ISSUER.name(),
                    RuleCode.NOT_REGISTERED_ORACLE.name(), RuleCode.NOT_HOLDER.name(), RuleCode.NOT_PLEDGEE.name(),
                    RuleCode.UNKNOWN_TOKEN.name(), RuleCode.UNKNOWN_PLEDGE.name(),
                    RuleCode.SERIES_ALREADY_ISSUED.name(), RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES.name(),
                    RuleCode.SELF_VERIFICATION.name(), RuleCode.ALREADY_VERIFIED.name(),
                    RuleCode.TOKEN_NOT_ACTIVE.name(), RuleCode.SERIES_ALREADY_SETTLED.name(),
                    RuleCode.INSUFFICIENT_AVAILABLE_BALANCE.name(), RuleCode.SAME_HOLDER.name(),
                    RuleCode.PLEDGE_NOT_OPEN.name(), RuleCode.ID_REUSED_WITH_OTHER_CONTENT.name())) {
                coverage.checkQuery(values -> values.get(1).equals(outcome)).count((Consumer<Integer>) count ->
                        assertThat(count).as("steps with outcome %s", outcome).isPositive());
            }
        });
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Provide
    Arbitrary<ActionChain<LedgerWorld>> chains() {
        return LedgerActions.chains(() -> new LedgerWorld(ledger), MIN_STEPS, MAX_STEPS);
    }
}
