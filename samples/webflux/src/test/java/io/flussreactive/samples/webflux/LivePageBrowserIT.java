package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The page of the sample in a real headless Chromium: it follows the live stream, posts events from its
 * form, and shows them, and those posted by another client, as they are stored.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code .ci/run} installs them).
 * Without them the test is skipped, saying so, except under CI ({@code CI=true}), where it fails.
 */
// The same test configuration as the other tests of the application, so that they share its context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LivePageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    private int port;

    @Test
    void thePageShowsEventsPostedFromItsFormAndByAnotherClientAsTheyAreStored(@TempDir Path profile) {
        requireChromium();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, headless(profile));
        try {
            browser.get("http://localhost:" + port + "/");
            WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
            // The stream's start is fixed once the page says so: what is posted from now on shows.
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("Live from offset \\d+")));

            WebElement count = browser.findElement(By.id("count"));
            count.clear();
            count.sendKeys("5");
            WebElement type = browser.findElement(By.id("type"));
            type.clear();
            type.sendKeys("from-the-page");
            browser.findElement(By.id("post-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("post-result"), "Stored 5, failed 0"));
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#events li.event"), 5));
            assertThat(browser.findElements(By.cssSelector("#events li.event"))).extracting(WebElement::getText)
                    .allSatisfy(text -> assertThat(text).contains("from-the-page"));

            WebClient.create("http://localhost:" + port).post().uri("/events")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(List.of(new Event("from-another-client", "curl", null, null)))
                    .retrieve()
                    .bodyToMono(IngestReport.class)
                    .block(TIMEOUT);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#events li.event[data-id='from-another-client']")));
            // Newest first.
            assertThat(browser.findElement(By.cssSelector("#events li.event")).getAttribute("data-id"))
                    .isEqualTo("from-another-client");
            wait.until(ExpectedConditions.textToBe(By.id("total"), "6"));
            wait.until(driver -> !"0".equals(driver.findElement(By.id("rate")).getText()));
        } finally {
            browser.quit();
            service.stop();
        }
    }

    /** Headless, in a fresh profile, and quiet: the network is the sample's only. */
    private static ChromeOptions headless(Path profile) {
        ChromeOptions options = new ChromeOptions();
        // With the binary and the driver named, Selenium Manager downloads nothing.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        return options;
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + ": install Debian's packages chromium and chromium-driver"
                + " (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + "; under CI (CI=true) the test must run");
        }
        Assumptions.abort(missing + "; skipped");
    }
}
