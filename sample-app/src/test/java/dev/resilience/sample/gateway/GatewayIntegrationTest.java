package dev.resilience.sample.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The gateway and its embedded model server started on random loopback ports, exercised over
 * real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTest {

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void connect() {
        gateway = new GatewayClient(port);
    }

    @AfterEach
    void heal() {
        gateway.resetChaos();
    }

    @Test
    void healthyLargeModelAnswersWithUsageAndPrimaryServer() {
        ResponseEntity<String> response = gateway.chat("acme", "Hello there", 32);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("primary");
        assertThat(response.getBody()).contains("\"model\":\"large\"", "\"prompt_tokens\":3", "\"total_tokens\":");
    }

    @Test
    void failingLargeModelIsReplacedByTheSmallModel() {
        gateway.chaos("large", "mode=fail");

        ResponseEntity<String> response = gateway.chat("acme", "Fallback please", 16);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("small-model");
        assertThat(response.getBody()).contains("\"model\":\"small\"");
    }

    @Test
    void repeatedPromptGetsCachedAnswerWhenBothModelsFail() {
        gateway.chat("acme", "Remember me", 16);
        gateway.chaos("large", "mode=fail");
        gateway.chaos("small", "mode=fail&status=502");

        ResponseEntity<String> response = gateway.chat("acme", "Remember me", 16);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("cache");
    }

    @Test
    void newPromptGets503WithRetryAfterWhenNoModelCanAnswer() {
        gateway.chaos("large", "mode=fail");
        gateway.chaos("small", "mode=fail");

        ResponseEntity<String> response = gateway.chat("acme", "Never asked before", 16);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody()).contains("No model can answer");
    }

    @Test
    void throttledLargeModelIsLeftAloneForItsRetryAfterWhileTheSmallModelAnswers() {
        gateway.chaos("large", "mode=throttle&retryAfter=1");

        ResponseEntity<String> throttled = gateway.chat("acme", "Slow down", 16);
        gateway.resetChaos();
        ResponseEntity<String> duringPause = gateway.chat("acme", "Slow down again", 16);

        assertThat(throttled.getHeaders().getFirst("X-Served-By")).isEqualTo("small-model");
        assertThat(duringPause.getHeaders().getFirst("X-Served-By")).isEqualTo("small-model");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "primary"
                        .equals(gateway.chat("acme", "Back?", 16).getHeaders().getFirst("X-Served-By")));
    }
}
