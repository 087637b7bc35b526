package org.ctl.infra.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctl.infra.audit.chain.LedgerChainer;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard in Debian's headless Chromium, against the real application: sign in with the login form, watch
 * the series table change when a command arrives through the API (no reload), read the seed's 14.20 in the
 * pricing sandbox, see a series' holders, provenance and chart, and the governance view. Screenshots go to
 * {@code target/screenshots/}. Skipped with a message where Chromium or its driver is not installed, except in CI
 * ({@code CI} set), where {@code .ci/run} installs them and their absence is a failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-dashboard-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    LedgerChainer chainer;
    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void startBrowser() throws IOException {
        Optional<HeadlessChromium.Binaries> binaries = HeadlessChromium.find();
        if (binaries.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("CI must have Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        Assumptions.assumeTrue(binaries.isPresent(), "skipped: the browser test needs Debian's headless Chromium: "
                + "apt-get install chromium chromium-driver (or set CHROME_BIN and CHROMEDRIVER)");
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(binaries.get());
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheLedgerLiveAndPricesTheSeedsExample() throws IOException {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        HttpLedgerClient oracle = HttpLedgerClient.as(port, "oracle");
        ok(issuer.post("/api/tokens", issuance("clt-h100-001", "vault-7", "HYBRID")));
        ok(oracle.post("/api/tokens/clt-h100-001/verify"));
        ok(issuer.post("/api/tokens/clt-h100-001/transfers",
                json("transferId", "t-1", "from", "issuer", "to", "alice", "amount", 4)));

        signIn("issuer");
        assertThat(browser.getTitle()).startsWith("Series");
        wait.until(ExpectedConditions.textToBe(cell("clt-h100-001", "outstanding"), "10"));
        assertThat(text(cell("clt-h100-001", "finalPrice"))).isEqualTo("14.20");
        assertThat(browser.findElement(cell("clt-h100-001", "collateralizationRatio")).getAttribute("class"))
                .contains("below-alert");
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "open"));
        // A mark on this page's window: a reload would lose it.
        browser.executeScript("window.loadedOnce = 'still the same page';");

        // Commands through the API; the table follows without a reload.
        ok(issuer.post("/api/tokens/clt-h100-001/burns",
                json("burnId", "b-1", "holder", "issuer", "amount", 2, "reason", "compute redeemed")));
        ok(oracle.post("/api/prices", json("priceId", "px-1", "kind", "COLLATERAL", "unit", "QUBIT",
                "price", "1.50")));
        ok(issuer.post("/api/tokens", issuance("clt-a100-002", "vault-8", "GRACEFUL_EXIT")));
        wait.until(ExpectedConditions.textToBe(cell("clt-h100-001", "outstanding"), "8"));
        wait.until(ExpectedConditions.textToBe(cell("clt-h100-001", "collateralizationRatio"), "1.5000"));
        wait.until(ExpectedConditions.presenceOfElementLocated(cell("clt-a100-002", "status")));
        assertThat(text(cell("clt-a100-002", "status"))).isEqualTo("PENDING_VERIFICATION");
        assertThat(browser.findElement(cell("clt-h100-001", "collateralizationRatio")).getAttribute("class"))
                .contains("at-or-above");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce"))
                .isEqualTo("still the same page");
        screenshot("series-table");

        // The pricing sandbox opens on the seed's example.
        browser.get(url("/sandbox.html"));
        wait.until(ExpectedConditions.textToBe(By.id("finalPrice"), "14.20"));
        assertThat(text(By.id("computeValue"))).isEqualTo("10.00");
        assertThat(text(By.id("collateralValue"))).isEqualTo("1.60");
        assertThat(text(By.id("collateralizationRatio"))).isEqualTo("0.1600");
        assertThat(text(By.id("riskPremium"))).isEqualTo("0.4200");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#fp-chart circle.dot"), 10));
        WebElement qubitPrice = browser.findElement(By.id("qubitPrice"));
        qubitPrice.clear();
        qubitPrice.sendKeys("0.50");
        wait.until(ExpectedConditions.textToBe(By.id("finalPrice"), "13.00"));
        qubitPrice.clear();
        qubitPrice.sendKeys("0.20");
        wait.until(ExpectedConditions.textToBe(By.id("finalPrice"), "14.20"));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#fp-chart circle.dot"), 10));
        screenshot("pricing-sandbox");

        // A series: holders (the issuer may see them), provenance, and CR through time.
        browser.get(url("/series.html?id=clt-h100-001"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#provenance li"), 4));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holders")));
        assertThat(text(By.id("holders"))).contains("alice").contains("issuer");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#cr-chart circle.dot"), 4));
        screenshot("series-page");

        // Governance: a flag and its outcome under the series' policy.
        ok(oracle.post("/api/tokens/clt-a100-002/verify"));
        ok(oracle.post("/api/tokens/clt-a100-002/flags",
                json("flagId", "f-1", "verdict", "DISPUTED", "reason", "collateral vault not found")));
        // A poll over the default policy, with one vote so far.
        ok(issuer.post("/api/governance/polls", json("pollId", "poll-dash", "closesAt",
                Instant.now().plus(Duration.ofHours(1)).toString())));
        ok(oracle.post("/api/governance/polls/poll-dash/votes", json("policy", "HARD_STOP")));
        browser.get(url("/governance.html"));
        By pollRow = By.cssSelector("#polls tr[data-poll='poll-dash']");
        wait.until(ExpectedConditions.presenceOfElementLocated(pollRow));
        assertThat(text(pollRow)).contains("OPEN").contains("open");
        assertThat(text(By.id("default-policy"))).startsWith("Default policy for new series:");
        By flagRow = By.cssSelector("#flags tr[data-series='clt-a100-002']");
        wait.until(ExpectedConditions.presenceOfElementLocated(flagRow));
        assertThat(text(flagRow)).contains("DISPUTED → WOUND_UP").contains("oracle");
        assertThat(text(By.cssSelector("#policies tr[data-policy='GRACEFUL_EXIT'] td[data-status='WOUND_UP']")))
                .isEqualTo("1");
        screenshot("governance");
    }

    @Test
    void aHolderSeesTheSeriesButNotItsHolders() {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        ok(issuer.post("/api/tokens", issuance("clt-h100-003", "vault-9", "HARD_STOP")));
        signIn("bob");
        browser.get(url("/series.html?id=clt-h100-003"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holders-note")));
        assertThat(text(By.id("holders-note"))).contains("Only the issuer of this series and auditors");
        assertThat(browser.findElement(By.id("holders")).isDisplayed()).isFalse();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#provenance li"), 1));
    }

    @Test
    void theLatticeCollapsesFromAnEditedEventOn() throws IOException {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        ok(issuer.post("/api/tokens", issuance("clt-lattice-01", "vault-l1", "HYBRID")));
        ok(HttpLedgerClient.as(port, "oracle").post("/api/tokens/clt-lattice-01/verify"));
        for (int i = 1; i <= 3; i++) {
            ok(issuer.post("/api/tokens/clt-lattice-01/transfers",
                    json("transferId", "lt-" + i, "from", "issuer", "to", "alice", "amount", i)));
        }
        chainer.chainAvailable();

        signIn("auditor");
        browser.get(url("/lattice.html?id=clt-lattice-01"));
        wait.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-chain", "intact"));
        assertThat(statuses()).containsExactly("VERIFIED", "VERIFIED", "VERIFIED", "VERIFIED", "VERIFIED");
        screenshot("lattice-intact");

        // Behind the application's back: the third event (the first transfer) now pays carol, not alice.
        long edited = jdbc.queryForObject("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 2", Long.class, "clt-lattice-01");
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, edited);
        String forged = new String(original, StandardCharsets.UTF_8).replace("alice", "carol");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                forged.getBytes(StandardCharsets.UTF_8), edited);
        try {
            browser.navigate().refresh();
            wait.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-chain", "broken"));
            assertThat(statuses()).containsExactly("VERIFIED", "VERIFIED", "BROKEN", "BROKEN", "BROKEN");
            assertThat(browser.findElements(By.cssSelector("#lattice g.node.broken"))).hasSize(3);
            assertThat(text(By.id("verdict"))).contains("global index " + edited);
            screenshot("lattice-collapsed");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, edited);
        }
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-chain", "intact"));
    }

    private List<String> statuses() {
        return browser.findElements(By.cssSelector("#lattice g.node")).stream()
                .map(node -> node.getAttribute("data-status")).toList();
    }

    private void signIn(String principal) {
        browser.manage().deleteAllCookies();
        browser.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(principal);
        browser.findElement(By.id("password")).sendKeys(principal);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("principal"), principal));
    }

    private static By cell(String series, String field) {
        return By.cssSelector("#series tr[data-series='" + series + "'] [data-field='" + field + "']");
    }

    private String text(By locator) {
        return browser.findElement(locator).getText().strip();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    private static String issuance(String tokenId, String collateralId, String policy) {
        return json("tokenId", tokenId, "computeUnit", "H100-GPU-HOUR", "computeRights", 10,
                "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", collateralId, "qubits", 8, "qubitPrice", "0.20"),
                "policy", policy);
    }
}
