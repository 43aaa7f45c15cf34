package dev.resilience.sample.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway shows its breakers over HTTP but does not let its clients force them: the
 * Actuator write is refused and the breaker keeps its state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorExposureTest {

    @LocalServerPort
    int port;

    @Autowired
    BreakerRegistry breakers;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void breakersCanBeReadButNotForcedOverHttp() throws Exception {
        String name = "actuator-exposure-probe";
        breakers.get(name);
        URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/circuitbreakers/" + name);

        HttpResponse<String> read = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> write = http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"FORCED_OPEN\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isBetween(400, 499);
        assertThat(breakers.get(name).state()).isEqualTo(BreakerState.CLOSED);
    }
}
