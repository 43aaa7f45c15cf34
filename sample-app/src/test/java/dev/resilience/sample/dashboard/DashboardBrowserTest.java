package dev.resilience.sample.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium, against the gateway and its embedded model server
 * on random loopback ports: an outage of the large model shows its breaker OPEN on the page, and
 * recovery shows it CLOSED again, along with the transitions and the premium tier's admitted
 * tokens. The breaker opens after four calls and waits half a second, so that the cycle takes a
 * few seconds.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian {@code chromium}
 * and {@code chromium-driver}); without them the test is skipped, unless the environment variable
 * {@code CI} is set, where it fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience.circuitbreaker.instances.large-model.failure-detection=count-window",
            "resilience.circuitbreaker.instances.large-model.sliding-window-size=4",
            "resilience.circuitbreaker.instances.large-model.minimum-number-of-calls=4",
            "resilience.circuitbreaker.instances.large-model.failure-rate-threshold=50",
            "resilience.circuitbreaker.instances.large-model.wait-duration=500ms",
            "resilience.circuitbreaker.instances.large-model.permitted-calls-in-half-open-state=1"
        })
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final By LARGE_MODEL_STATE = By.cssSelector("td.state[data-breaker='large-model']");

    private static Path profile;
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        requireBrowser();
        // The driver and the browser are given explicitly, so Selenium Manager has nothing to find.
        System.setProperty("SE_AVOID_STATS", "true");
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1280,900",
                        "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
                }
            }
        }
    }

    @AfterEach
    void heal() {
        gateway().post().uri("/chaos/reset").retrieve().toBodilessEntity();
    }

    @Test
    void showsTheLargeModelBreakerOpenDuringAnOutageAndClosedAfterRecovery() throws IOException {
        browser.get("http://127.0.0.1:" + port + DashboardConfiguration.DASHBOARD_PATH);
        waitForPage().until(ExpectedConditions.textToBe(LARGE_MODEL_STATE, "CLOSED"));

        gateway().post().uri("/chaos/large?mode=fail").retrieve().toBodilessEntity();
        await("large-model breaker OPEN in Actuator while the large model fails")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    chat("Is anyone there?");
                    return "OPEN".equals(actuatorState());
                });

        waitForPage().until(ExpectedConditions.textToBe(LARGE_MODEL_STATE, "OPEN"));
        screenshot("dashboard-open.png");

        gateway().post().uri("/chaos/reset").retrieve().toBodilessEntity();
        await("large-model breaker CLOSED on the page once the large model is healthy")
                .atMost(PAGE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!"CLOSED".equals(actuatorState())) {
                        chat("Back again?");
                    }
                    return "CLOSED"
                            .equals(browser.findElement(LARGE_MODEL_STATE).getText());
                });

        waitForPage()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#transitions li[data-breaker='large-model'][data-to='OPEN']")));
        waitForPage()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#transitions li[data-breaker='large-model'][data-to='CLOSED']")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("live");
        screenshot("dashboard-closed.png");
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "DASHBOARD BROWSER TEST NOT RUN: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing. Install them with 'apt-get install chromium chromium-driver'.";
        System.err.println("*".repeat(100));
        System.err.println(message);
        System.err.println("*".repeat(100));
        if (System.getenv("CI") != null) {
            fail(message + " CI is set, where the browser must be installed.");
        }
        assumeTrue(false, message);
    }

    private WebDriverWait waitForPage() {
        return new WebDriverWait(browser, PAGE_TIMEOUT, Duration.ofMillis(100));
    }

    private RestClient gateway() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    private void chat(String prompt) {
        gateway()
                .post()
                .uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Tenant", "premium-1")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":16}")
                .retrieve()
                .toBodilessEntity();
    }

    private String actuatorState() {
        String body = gateway()
                .get()
                .uri("/actuator/circuitbreakers/large-model")
                .retrieve()
                .body(String.class);
        return body == null
                ? null
                : JSON.readTree(body).path("breaker").path("state").asString();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
