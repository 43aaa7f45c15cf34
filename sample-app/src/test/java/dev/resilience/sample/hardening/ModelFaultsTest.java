package dev.resilience.sample.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.sample.gateway.ModelClient;
import dev.resilience.sample.modelserver.Chaos;
import dev.resilience.sample.modelserver.ChaosMode;
import dev.resilience.sample.modelserver.SimulatedModelServer;
import dev.resilience.spring.BreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The large model failing, hanging past the read timeout, and recovering: clients keep getting
 * answers from the small model, the breaker opens and stops calling the large model, closes again
 * once it is healthy, and no gateway thread is left waiting on the model.
 */
@GuardedGatewayTest
class ModelFaultsTest {

    @LocalServerPort
    int port;

    @Autowired
    BreakerRegistry breakers;

    @Autowired
    SimulatedModelServer modelServer;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Breaker breaker;

    @BeforeEach
    void closeBreaker() {
        breaker = breakers.get(GuardedGatewayTest.LARGE_MODEL);
        breaker.transitionTo(BreakerState.CLOSED);
    }

    @AfterEach
    void heal() {
        modelServer.inject("large", Chaos.HEALTHY);
        modelServer.inject("small", Chaos.HEALTHY);
    }

    @Test
    void failingModelOpensTheBreakerTheSmallModelAnswersAndTheBreakerClosesAfterRecovery() throws Exception {
        modelServer.inject("large", new Chaos(ChaosMode.FAIL, 503, 0, 0));

        for (int i = 0; i < 15; i++) {
            assertServedBy(chat("failing " + i), "small-model");
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        long rejectedBefore = breaker.snapshot().notPermittedCalls();
        assertServedBy(chat("while open"), "small-model");
        assertThat(breaker.snapshot().notPermittedCalls())
                .as("calls kept away from the failing model")
                .isGreaterThan(rejectedBefore);

        modelServer.inject("large", Chaos.HEALTHY);

        awaitClosedAndServedByThePrimary();
    }

    @Test
    void hangingModelTimesOutOpensTheBreakerAndLeavesNoThreadWaiting() throws Exception {
        modelServer.inject("large", new Chaos(ChaosMode.SLOW, 200, 3_000, 0));
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String prompt = "hanging " + i;
                answers.add(clients.submit(() -> chat(prompt)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertServedBy(answer.get(60, TimeUnit.SECONDS), "small-model");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

        modelServer.inject("large", Chaos.HEALTHY);

        awaitClosedAndServedByThePrimary();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(threadsInTheModelClient())
                        .as("gateway threads still waiting on the model")
                        .isEmpty());
    }

    @Test
    void bothModelsFailingGive503WithRetryAfterAndRecoveryServesAgain() throws Exception {
        modelServer.inject("large", new Chaos(ChaosMode.FAIL, 503, 0, 0));
        modelServer.inject("small", new Chaos(ChaosMode.FAIL, 502, 0, 0));

        HttpResponse<String> response = chat("nobody knows " + System.nanoTime());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();

        modelServer.inject("small", Chaos.HEALTHY);
        modelServer.inject("large", Chaos.HEALTHY);
        awaitClosedAndServedByThePrimary();
    }

    private void awaitClosedAndServedByThePrimary() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "primary"
                                .equals(chat("recovered")
                                        .headers()
                                        .firstValue("X-Served-By")
                                        .orElse(""))
                        && breaker.state() == BreakerState.CLOSED);
    }

    private static List<String> threadsInTheModelClient() {
        List<String> waiting = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(ModelClient.class.getName()))) {
                waiting.add(thread.getName());
            }
        });
        return waiting;
    }

    private HttpResponse<String> chat(String prompt) throws IOException, InterruptedException {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":8}";
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Tenant", GuardedGatewayTest.PREMIUM_TENANT)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertServedBy(HttpResponse<String> response, String servedBy) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue(servedBy);
    }
}
