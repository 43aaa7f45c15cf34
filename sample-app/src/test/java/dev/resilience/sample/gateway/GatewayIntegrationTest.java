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
    void tenantOverItsTokenBudgetGets429WithRetryAfter() {
        ResponseEntity<String> first = gateway.chat("budget-tenant", generating("Big", 16_000, 16_000));

        ResponseEntity<String> second = gateway.chat("budget-tenant", generating("Again", 16_000, 16_000));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(second.getHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(second.getHeaders().getFirst("RateLimit")).contains("\"free-tokens\"");
    }

    @Test
    void unusedMaxTokensAreRefundedSoTheNextLargeRequestPasses() {
        ResponseEntity<String> first = gateway.chat("refund-tenant", generating("Big", 16_000, 100));

        ResponseEntity<String> second = gateway.chat("refund-tenant", generating("Again", 16_000, 100));

        assertThat(Long.parseLong(first.getHeaders().getFirst("X-RateLimit-Remaining-Tokens")))
                .as("20000 - (1 prompt + 100 generated) tokens, plus a little refill")
                .isBetween(19_899L, 20_000L);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void successfulResponseCarriesTheRemainingRequestAndTokenBudgets() {
        ResponseEntity<String> response = gateway.chat("header-tenant", generating("Hi", 64, 10));

        assertThat(response.getHeaders().getFirst("X-RateLimit-Remaining-Requests"))
                .isEqualTo("59");
        assertThat(response.getHeaders().getFirst("X-RateLimit-Remaining-Tokens"))
                .isNotBlank();
        assertThat(response.getHeaders().getFirst("RateLimit-Policy"))
                .isEqualTo("\"free-requests\";q=60;w=60, \"free-tokens\";q=20000;w=60");
        assertThat(response.getHeaders().getFirst("RateLimit"))
                .startsWith("\"free-requests\";r=59;")
                .contains("\"free-tokens\";r=");
    }

    private static String generating(String prompt, int maxTokens, int completionTokens) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":" + maxTokens
                + ",\"simulate\":{\"completion_tokens\":" + completionTokens + "}}";
    }

    @Test
    void premiumTenantHasTheLargerBudget() {
        ResponseEntity<String> first = gateway.chat("premium-2", "Big answer please", 16_000);

        ResponseEntity<String> second = gateway.chat("premium-2", "Another big one", 16_000);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void largeModelBreakerOpensDuringAnOutageAndClosesAfterRecovery() {
        gateway.chaos("large", "mode=fail");
        for (int i = 0; i < 12; i++) {
            assertThat(gateway.chat("premium-1", "During the outage " + i, 16)
                            .getHeaders()
                            .getFirst("X-Served-By"))
                    .isEqualTo("small-model");
        }
        assertThat(gateway.get("/actuator/circuitbreakers/large-model").getBody())
                .contains("\"state\":\"OPEN\"");

        gateway.resetChaos();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    gateway.chat("premium-1", "After the outage", 16);
                    return breakerState().contains("\"state\":\"CLOSED\"");
                });
        assertThat(breakerState())
                .contains("\"from\":\"OPEN\",\"to\":\"HALF_OPEN\"", "\"from\":\"HALF_OPEN\",\"to\":\"CLOSED\"");
        assertThat(gateway.chat("premium-1", "Healthy again", 16).getHeaders().getFirst("X-Served-By"))
                .isEqualTo("primary");
    }

    private String breakerState() {
        return gateway.get("/actuator/circuitbreakers/large-model").getBody();
    }

    @Test
    void actuatorListsBothModelBreakers() {
        assertThat(gateway.get("/actuator/circuitbreakers").getBody()).contains("large-model", "small-model");
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
