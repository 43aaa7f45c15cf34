package dev.resilience.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Spring MVC turns rejections into problem responses with retry and rate limit headers. */
@SpringBootTest(
        properties = {
            "resilience.ratelimiter.instances.chat.capacity=2",
            "resilience.ratelimiter.instances.chat.rate=1",
            "resilience.ratelimiter.instances.chat.period=10s",
            "resilience.circuitbreaker.instances.model.wait-duration=2500ms",
            "resilience.circuitbreaker.instances.idle.failure-rate-threshold=25",
            "resilience.circuitbreaker.instances.tunable.wait-duration=30s",
            "resilience.ratelimiter.instances.unused.capacity=7",
            "resilience.web.headers-on-permitted=true",
            "management.endpoints.web.exposure.include=circuitbreakers,ratelimiters,health",
            "management.endpoint.health.show-details=always",
            "management.endpoint.circuitbreakers.access=unrestricted"
        })
@AutoConfigureMockMvc
class RejectionMvcTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    BreakerRegistry breakers;

    @Autowired
    ManualTimeSource time;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void resetBreakers() {
        breakers.all().forEach(breaker -> breaker.transitionTo(BreakerState.CLOSED));
    }

    @Test
    void callsBeyondTheLimitGet429WithRetryAfterRoundedUpAndRateLimitFields() throws Exception {
        mvc.perform(get("/chat/tenant-a")).andExpect(status().isOk());
        mvc.perform(get("/chat/tenant-a")).andExpect(status().isOk());

        mvc.perform(get("/chat/tenant-a"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(header().string("RateLimit-Policy", "\"chat\";q=2;w=20"))
                .andExpect(header().string("RateLimit", "\"chat\";r=0;t=10"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.limiter").value("chat"));
        mvc.perform(get("/chat/tenant-b")).andExpect(status().isOk());
    }

    @Test
    void retryAfterRoundsAFractionOfASecondUpToOne() throws Exception {
        mvc.perform(get("/chat/tenant-c"));
        mvc.perform(get("/chat/tenant-c"));

        time.advance(Duration.ofMillis(9_500));

        mvc.perform(get("/chat/tenant-c"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1"));
    }

    @Test
    void openBreakerWithoutFallbackGives503WithRetryAfter() throws Exception {
        breakers.get("model").transitionTo(BreakerState.OPEN);

        mvc.perform(get("/model"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(jsonPath("$.circuitBreaker").value("model"));
    }

    @Test
    void actuatorListsEveryConfiguredBreakerWithStateAndCounts() throws Exception {
        mvc.perform(get("/actuator/circuitbreakers"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.circuitBreakers.idle.state").value("CLOSED"))
                .andExpect(jsonPath("$.circuitBreakers.idle.failureRate").value(-1.0))
                .andExpect(jsonPath("$.circuitBreakers.idle.thresholds.failureRateThreshold")
                        .value(25.0))
                .andExpect(jsonPath("$.circuitBreakers.model.bufferedCalls").isNumber())
                .andExpect(jsonPath("$.circuitBreakers.model.notPermittedCalls").isNumber());
    }

    // Case B4: the count equals the calls rejected while open, exactly.
    @Test
    void actuatorNotPermittedCountEqualsTheRejectedCalls() throws Exception {
        long before = breakers.get("model").snapshot().notPermittedCalls();
        breakers.get("model").transitionTo(BreakerState.OPEN);

        for (int i = 0; i < 7; i++) {
            mvc.perform(get("/model")).andExpect(status().isServiceUnavailable());
        }

        mvc.perform(get("/actuator/circuitbreakers"))
                .andExpect(jsonPath("$.circuitBreakers.model.state").value("OPEN"))
                .andExpect(jsonPath("$.circuitBreakers.model.notPermittedCalls").value(before + 7));
    }

    @Test
    void permittedResponsesCarryTheRateLimitFieldsWhenEnabled() throws Exception {
        mvc.perform(get("/chat/tenant-d"))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit", "\"chat\";r=1;t=10"))
                .andExpect(header().string("RateLimit-Policy", "\"chat\";q=2;w=20"));
    }

    @Test
    void actuatorListsLimitersAndTheRemainingPermitsOfAKey() throws Exception {
        mvc.perform(get("/chat/tenant-e"));

        mvc.perform(get("/actuator/ratelimiters"))
                .andExpect(jsonPath("$.rateLimiters.unused.capacity").value(7))
                .andExpect(jsonPath("$.rateLimiters.chat.algorithm").value("TOKEN_BUCKET"));
        mvc.perform(get("/actuator/ratelimiters/chat").param("key", "tenant-e"))
                .andExpect(jsonPath("$.remaining").value(1))
                .andExpect(jsonPath("$.keys").isNumber());
    }

    @Test
    void openBreakerIsReportedButKeepsHealthUpByDefault() throws Exception {
        breakers.get("model").transitionTo(BreakerState.OPEN);

        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.circuitBreakers.status").value("UP"))
                .andExpect(jsonPath("$.components.circuitBreakers.details.circuitBreakers.model")
                        .value("OPEN"));
    }

    @Test
    void metricsCountCallsByOutcomeAndPermitsByResult() throws Exception {
        breakers.get("model").transitionTo(BreakerState.OPEN);
        double before = meters.counter("resilience.circuitbreaker.calls", "name", "model", "outcome", "not_permitted")
                .count();

        mvc.perform(get("/model"));
        mvc.perform(get("/chat/tenant-f"));

        assertThat(meters.counter("resilience.circuitbreaker.calls", "name", "model", "outcome", "not_permitted")
                        .count())
                .isEqualTo(before + 1);
        assertThat(meters.counter(
                                "resilience.ratelimiter.permits", "name", "chat", "tier", "none", "result", "acquired")
                        .count())
                .isPositive();
        assertThat(meters.get("resilience.circuitbreaker.state")
                        .tags("name", "model", "state", "open")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("resilience.ratelimiter.keys")
                        .tag("name", "chat")
                        .gauge()
                        .value())
                .isPositive();
    }

    @Test
    void actuatorWriteForcesAState() throws Exception {
        mvc.perform(post("/actuator/circuitbreakers/idle")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"state\":\"FORCED_OPEN\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/actuator/circuitbreakers/idle"))
                .andExpect(jsonPath("$.breaker.state").value("FORCED_OPEN"))
                .andExpect(jsonPath("$.events[*].to", hasItem("FORCED_OPEN")));
    }

    @Test
    void actuatorWriteReplacesSettingsKeepingTheState() throws Exception {
        breakers.get("tunable").transitionTo(BreakerState.OPEN);

        mvc.perform(post("/actuator/circuitbreakers/tunable")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"settings\":\"wait-duration=5s; failureRateThreshold=30\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.breaker.state").value("OPEN"));

        assertThat(breakers.get("tunable").config().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
        assertThat(breakers.get("tunable").config().failureRateThreshold()).isEqualTo(30f);
        time.advance(Duration.ofSeconds(5));
        assertThat(breakers.get("tunable").tryAcquirePermission().permitted()).isTrue();
    }

    @Test
    void actuatorWriteWithAnInvalidSettingIsRejectedNamingIt() throws Exception {
        mvc.perform(post("/actuator/circuitbreakers/tunable")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"settings\":\"failure-rate-threshold=150\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/actuator/circuitbreakers/tunable")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"settings\":\"wait-durashun=5s\"}"))
                .andExpect(status().isBadRequest());

        assertThat(breakers.get("tunable").config().failureRateThreshold()).isNotEqualTo(150f);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ManualTimeSource timeSource() {
            return ManualTimeSource.create();
        }

        @Bean
        Service service() {
            return new Service();
        }

        @Bean
        Controller controller(Service service) {
            return new Controller(service);
        }
    }

    static class Service {

        @RateLimited(name = "chat", key = "#tenant")
        public String chat(String tenant) {
            return "hello " + tenant;
        }

        @CircuitBreaker(name = "model")
        public String model() {
            return "answer";
        }
    }

    @RestController
    static class Controller {

        private final Service service;

        Controller(Service service) {
            this.service = service;
        }

        @GetMapping("/chat/{tenant}")
        String chat(@PathVariable String tenant) {
            return service.chat(tenant);
        }

        @GetMapping("/model")
        String model() {
            return service.model();
        }
    }
}
