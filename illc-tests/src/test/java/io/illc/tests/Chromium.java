package io.illc.tests;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium driven through its ChromeDriver, for tests of the html renderer's page.
 * Both programs are named by their fixed paths, so Selenium Manager never looks for (or downloads)
 * a browser or driver. A test calls {@link #assumeInstalled()} first: without them it is skipped
 * with a visible reason, unless the system property {@code illc.requireTools} is {@code true} (as on
 * CI, whose {@code .ci/run} installs them), when it fails instead.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Whether Chromium and its driver are installed; fails when they are not and
     * {@code -Dillc.requireTools=true}. For a {@code @BeforeAll}, which must not skip by an
     * assumption: a class skipped there is reported as "Tests run: 0", with no test and no reason.
     */
    static boolean installedOrRequired() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!installed && Boolean.getBoolean("illc.requireTools")) {
            fail(BROWSER + " or " + DRIVER + " is not installed but -Dillc.requireTools=true requires them;"
                    + " install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        return installed;
    }

    /** Skips (or, with {@code -Dillc.requireTools=true}, fails) the calling test when Chromium or its driver is missing. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = BROWSER + " or " + DRIVER + " is not installed";
        if (!installed && Boolean.getBoolean("illc.requireTools")) {
            fail(missing + " but -Dillc.requireTools=true requires them; install Debian's chromium and chromium-driver"
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, missing + "; skipping the browser tests of the html page (install chromium and"
                + " chromium-driver, or run with -Dillc.requireTools=true to make this a failure)");
    }

    /**
     * A fresh headless browser with its own empty profile in {@code profile}, a viewport of
     * {@code width × height} CSS pixels at device scale 1, and the console log kept.
     */
    static ChromeDriver start(Path profile, int width, int height) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // The background-networking flags keep Chromium from calling home: this machine has no network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        // --window-size sizes the window, not the page's viewport: grow the window by the difference.
        long innerWidth = ((Number) driver.executeScript("return window.innerWidth;")).longValue();
        long innerHeight = ((Number) driver.executeScript("return window.innerHeight;")).longValue();
        driver.manage().window().setSize(new Dimension((int) (2 * width - innerWidth), (int) (2 * height - innerHeight)));
        return driver;
    }
}
