package org.ctl.infra.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its driver (packages {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), found where Debian puts them or where {@code CHROME_BIN} and {@code CHROMEDRIVER}
 * say. Selenium is never left to download a browser or a driver.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** The browser and its driver, when both are installed. */
    record Binaries(Path browser, Path driver) {
    }

    static Optional<Binaries> find() {
        Optional<Path> browser = firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium",
                "/usr/bin/chromium-browser");
        Optional<Path> driver = firstExecutable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        return browser.isPresent() && driver.isPresent()
                ? Optional.of(new Binaries(browser.get(), driver.get()))
                : Optional.empty();
    }

    static ChromeDriver start(Binaries binaries) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(binaries.browser().toFile())
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--lang=en-GB", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.driver().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates)
                .filter(candidate -> candidate != null && !candidate.isBlank())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
