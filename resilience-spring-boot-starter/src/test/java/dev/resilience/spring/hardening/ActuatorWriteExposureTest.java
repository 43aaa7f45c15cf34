package dev.resilience.spring.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Actuator write operation that forces a breaker's state is reachable over HTTP only when the
 * application exposes the {@code circuitbreakers} endpoint and its access allows writes: with
 * the defaults, or with read-only access, a POST changes nothing.
 */
class ActuatorWriteExposureTest {

    private static final String BREAKER = "model";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withDefaultExposureTheEndpointIsNotOnHttp() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(get(context).statusCode()).isEqualTo(404);
            assertThat(forceOpen(context).statusCode()).isEqualTo(404);
            assertThat(state(context)).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void exposedReadOnlyTheEndpointAnswersReadsAndRefusesTheWrite() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "management.endpoints.web.exposure.include=circuitbreakers",
                "management.endpoint.circuitbreakers.access=read-only")) {
            assertThat(get(context).statusCode()).isEqualTo(200);
            assertThat(forceOpen(context).statusCode()).isBetween(400, 499);
            assertThat(state(context)).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void exposedWithWriteAccessTheWriteForcesTheState() throws Exception {
        try (ConfigurableApplicationContext context =
                start("management.endpoints.web.exposure.include=circuitbreakers")) {
            assertThat(forceOpen(context).statusCode()).isEqualTo(200);
            assertThat(state(context)).isEqualTo(BreakerState.FORCED_OPEN);
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        String[] all = new String[properties.length + 3];
        all[0] = "server.port=0";
        all[1] = "server.address=127.0.0.1";
        all[2] = "resilience.circuitbreaker.instances." + BREAKER + ".minimum-number-of-calls=5";
        System.arraycopy(properties, 0, all, 3, properties.length);
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .properties(all)
                .run();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext context) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(context))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> forceOpen(ConfigurableApplicationContext context)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(context))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"FORCED_OPEN\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + "/actuator/circuitbreakers/" + BREAKER);
    }

    private static BreakerState state(ConfigurableApplicationContext context) {
        return context.getBean(BreakerRegistry.class).get(BREAKER).state();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}
}
