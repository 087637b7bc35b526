package org.ctl.infra.durability;

import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.support.RunningLedger;

/**
 * A separate process for {@link KillNineUnderLoadTest}: starts the real ledger on an H2 file, issues and verifies
 * {@link #SERIES three series}, gives each of {@link #HOLDERS eight holders} units of each, and then sends
 * commands from {@link #THREADS eight threads} at once until it is killed: transfers, pledges, releases and
 * seizures of those pledges, burns, across holders and series, each with an id of its own, and now and then one
 * that must be refused (more units than anyone has).
 *
 * <p>For every command it prints, flushed, one line before sending it ({@code SEND <command>}) and one after
 * its outcome: {@code ACK <command>} when the gateway acknowledged it, {@code REFUSED <command> <rule>} when a
 * rule refused it, {@code FAILED <command> <exception>} for anything else. A command is printed as
 * {@code <kind> <tokenId> <commandId> <principal> <counterparty> <amount>} (see {@link Sent}), so that the test
 * can match it with its event and send it again.
 */
public final class ConcurrentLoadDriver {

    static final List<String> SERIES = List.of("LOAD-A", "LOAD-B", "LOAD-C");
    static final List<String> HOLDERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
    static final String ISSUER = "issuer";
    static final int THREADS = 8;
    static final long ISSUED = 1_000_000;
    static final long DISTRIBUTED = 20_000;
    /** More units than any holder ever has: a command for this many is refused. */
    static final long TOO_MANY = 1_000_000_000L;

    private static final PrintStream OUT = System.out;

    private ConcurrentLoadDriver() {
    }

    /**
     * One command as the driver prints it and the test reads it back.
     *
     * @param kind         {@code transfer}, {@code pledge}, {@code release}, {@code seize} or {@code burn}
     * @param commandId    the transfer, pledge or burn id; for a release or seizure, the id of the pledge
     * @param principal    who sends it: the holder that gives, pledges or burns, or the pledgee that releases or seizes
     * @param counterparty the receiver or pledgee; for a release or seizure, the pledger; {@code -} for a burn
     */
    record Sent(String kind, String tokenId, String commandId, String principal, String counterparty, long amount) {

        /** The fields of a line after its first word ({@code SEND}, {@code ACK}, ...). */
        static Sent parse(String[] fields) {
            return new Sent(fields[1], fields[2], fields[3], fields[4], fields[5], Long.parseLong(fields[6]));
        }

        /** What identifies the command among all others, and its event among all events: kind and command id. */
        String key() {
            return key(kind, commandId);
        }

        static String key(String kind, String commandId) {
            return kind + ":" + commandId;
        }

        boolean mustBeRefused() {
            return amount >= TOO_MANY;
        }

        Object command() {
            return switch (kind) {
                case "transfer" -> transfer(tokenId, commandId, principal, counterparty, amount);
                case "pledge" -> pledge(tokenId, commandId, principal, counterparty, amount);
                case "release" -> new ReleasePledge(TokenId.of(tokenId), CommandId.of(commandId));
                case "seize" -> new SeizePledge(TokenId.of(tokenId), CommandId.of(commandId));
                case "burn" -> burn(tokenId, commandId, principal, amount);
                default -> throw new IllegalArgumentException("no command of kind " + kind);
            };
        }

        @Override
        public String toString() {
            return String.join(" ", kind, tokenId, commandId, principal, counterparty, Long.toString(amount));
        }
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args[0]);
        List<String> properties = new ArrayList<>(List.of("logging.level.root=WARN"));
        properties.addAll(List.of(args).subList(1, args.length));
        RunningLedger ledger = RunningLedger.start(dataDirectory, properties.toArray(String[]::new));
        for (String series : SERIES) {
            ledger.send(ISSUER, issue(series, ISSUED, "C-" + series, GovernancePolicy.HYBRID));
            ledger.send("oracle", verify(series));
            for (String holder : HOLDERS) {
                if (send(ledger, new Sent("transfer", series, "dist-" + series + "-" + holder, ISSUER, holder,
                        DISTRIBUTED)) != Outcome.ACKNOWLEDGED) {
                    System.exit(1);
                }
            }
        }
        print("READY");
        for (int thread = 0; thread < THREADS; thread++) {
            int number = thread;
            Thread worker = new Thread(() -> load(ledger, number), "load-" + thread);
            worker.start();
        }
    }

    /** One thread's endless share of the load; its own random choices, its own open pledges. */
    private static void load(RunningLedger ledger, int thread) {
        Random random = new Random(31L * thread + 7);
        Deque<Sent> openPledges = new ArrayDeque<>();
        for (long n = 0; ; n++) {
            String series = SERIES.get(random.nextInt(SERIES.size()));
            String holder = HOLDERS.get(random.nextInt(HOLDERS.size()));
            String other = HOLDERS.get(random.nextInt(HOLDERS.size() - 1));
            if (other.equals(holder)) {
                other = HOLDERS.get(HOLDERS.size() - 1);
            }
            long amount = 1 + random.nextInt(5);
            String id = thread + "-" + n;
            int dice = random.nextInt(100);
            Sent command;
            if (dice < 3) {
                String kind = List.of("transfer", "pledge", "burn").get(dice);
                command = new Sent(kind, series, "over-" + id, holder, kind.equals("burn") ? "-" : other, TOO_MANY);
            } else if (dice >= 63 && dice < 80 && !openPledges.isEmpty()) {
                Sent pledged = openPledges.poll();
                command = new Sent(dice < 73 ? "release" : "seize", pledged.tokenId(), pledged.commandId(),
                        pledged.counterparty(), pledged.principal(), pledged.amount());
            } else if (dice < 45 || dice < 80 && dice >= 63) {
                command = new Sent("transfer", series, "tr-" + id, holder, other, amount);
            } else if (dice < 63) {
                command = new Sent("pledge", series, "pl-" + id, holder, other, amount);
            } else {
                command = new Sent("burn", series, "bu-" + id, holder, "-", amount);
            }
            Outcome outcome = send(ledger, command);
            if (outcome == Outcome.FAILED) {
                return;  // the test fails on it; no point in going on
            }
            if (outcome == Outcome.ACKNOWLEDGED && command.kind().equals("pledge")) {
                openPledges.add(command);
            }
        }
    }

    private enum Outcome { ACKNOWLEDGED, REFUSED, FAILED }

    /** Sends one command, printing it before and its outcome after. */
    private static Outcome send(RunningLedger ledger, Sent command) {
        print("SEND " + command);
        try {
            ledger.send(command.principal(), command.command());
            print("ACK " + command);
            return Outcome.ACKNOWLEDGED;
        } catch (RuleViolation refused) {
            print("REFUSED " + command + " " + refused.code());
            return Outcome.REFUSED;
        } catch (RuntimeException failed) {
            print("FAILED " + command + " " + failed.toString().replace('\n', ' '));
            return Outcome.FAILED;
        }
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
