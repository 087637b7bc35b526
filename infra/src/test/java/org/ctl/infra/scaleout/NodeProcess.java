package org.ctl.infra.scaleout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ctl.infra.LedgerApplication;
import org.ctl.infra.support.HttpLedgerClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A ledger node in a process of its own, so that a test can kill it with SIGKILL (no shutdown, no release). */
final class NodeProcess implements Node, AutoCloseable {

    private static final String PORT_LINE = "CTL-NODE-PORT ";

    final String name;
    private final Process process;
    private final int port;

    private NodeProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static NodeProcess start(PostgresSchema schema, String node, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName()));
        command.addAll(ClusterNode.arguments(schema, node, extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(PORT_LINE)) {
                        port.complete(Integer.parseInt(line.substring(PORT_LINE.length()).trim()));
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("[" + node + "] " + line);
                    }
                }
            } catch (Exception ignored) {
                // the process died: its output ends here
            }
            port.completeExceptionally(new IllegalStateException("node " + node + " ended before it listened"));
        }, "node-" + node + "-output");
        reader.setDaemon(true);
        reader.start();
        return new NodeProcess(node, process, port.get(120, TimeUnit.SECONDS));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HttpLedgerClient as(String principal) {
        return HttpLedgerClient.as(port, principal, principal + ClusterNode.PASSWORD_SUFFIX);
    }

    /** SIGKILL: no shutdown hook runs, no claim is released, no connection closed cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The node's process: starts the ledger and prints the port it listens on. */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class,
                HandledEventsProjection.Registration.class).run(args);
        System.out.println(PORT_LINE + ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
