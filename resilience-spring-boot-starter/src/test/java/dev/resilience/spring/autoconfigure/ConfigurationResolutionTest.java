package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Case C1: settings inherit property by property, in any relaxed form, and bad ones stop startup. */
class ConfigurationResolutionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(RateLimiterAutoConfiguration.class, CircuitBreakerAutoConfiguration.class));

    @Test
    void instanceThenSharedConfigThenDefaultsThenBuiltInWinPropertyByProperty() {
        runner.withPropertyValues(
                        "resilience.circuitbreaker.defaults.failure-rate-threshold=30",
                        "resilience.circuitbreaker.defaults.sliding-window-size=50",
                        "resilience.circuitbreaker.configs.shared.sliding-window-size=20",
                        "resilience.circuitbreaker.configs.shared.wait-duration=10s",
                        "resilience.circuitbreaker.instances.model.base-config=shared",
                        "resilience.circuitbreaker.instances.model.wait-duration=500ms")
                .run(context -> {
                    BreakerConfig model = breaker(context.getBean(BreakerRegistry.class), "model");

                    assertThat(model.waitDurationInOpenState()).isEqualTo(Duration.ofMillis(500));
                    assertThat(model.slidingWindowSize()).isEqualTo(20);
                    assertThat(model.failureRateThreshold()).isEqualTo(30f);
                    assertThat(model.minimumNumberOfCalls()).isEqualTo(20);
                });
    }

    @Test
    void camelCaseAndIsoDurationsBindLikeKebabCase() {
        runner.withPropertyValues(
                        "resilience.circuitbreaker.instances.model.waitDuration=PT0.5S",
                        "resilience.circuitbreaker.instances.model.minimumNumberOfCalls=7")
                .run(context -> {
                    BreakerConfig model = breaker(context.getBean(BreakerRegistry.class), "model");

                    assertThat(model.waitDurationInOpenState()).isEqualTo(Duration.ofMillis(500));
                    assertThat(model.minimumNumberOfCalls()).isEqualTo(7);
                });
    }

    @Test
    void limiterInheritsFromItsSharedConfigAndDefaults() {
        runner.withPropertyValues(
                        "resilience.ratelimiter.defaults.period=1m",
                        "resilience.ratelimiter.configs.free.capacity=100",
                        "resilience.ratelimiter.instances.chat.base-config=free",
                        "resilience.ratelimiter.instances.chat.rate=10")
                .run(context -> {
                    RateLimitConfig chat = context.getBean(RateLimiterRegistry.class)
                            .get("chat")
                            .config();

                    assertThat(chat.capacity()).isEqualTo(100);
                    assertThat(chat.refillPermits()).isEqualTo(10);
                    assertThat(chat.refillPeriod()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void thresholdAbove100PercentNamesThePropertyPath() {
        runner.withPropertyValues("resilience.circuitbreaker.instances.model.failure-rate-threshold=150")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasRootCauseMessage("Property resilience.circuitbreaker.instances.model.failure-rate-threshold"
                                + " with value '150.0' is invalid: failure-rate-threshold must be a percentage"
                                + " above 0 and at most 100, but was 150.0"));
    }

    @Test
    void negativeDurationNamesThePropertyPath() {
        runner.withPropertyValues("resilience.circuitbreaker.instances.model.wait-duration=-1s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.circuitbreaker.instances.model.wait-duration"));
    }

    @Test
    void invalidInheritedValueNamesTheLevelItCameFrom() {
        runner.withPropertyValues(
                        "resilience.circuitbreaker.configs.shared.slow-call-rate-threshold=0",
                        "resilience.circuitbreaker.instances.model.base-config=shared")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.circuitbreaker.configs.shared.slow-call-rate-threshold"));
    }

    // Case B1: a count window smaller than the minimum number of calls could never compute a rate.
    @Test
    void windowSmallerThanMinimumCallsNamesThePropertyPath() {
        runner.withPropertyValues(
                        "resilience.circuitbreaker.instances.model.sliding-window-size=5",
                        "resilience.circuitbreaker.instances.model.minimum-number-of-calls=10")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.circuitbreaker.instances.model.minimum-number-of-calls")
                        .hasMessageContaining("at most sliding-window-size"));
    }

    @Test
    void misspelledBreakerPropertyStopsStartupNamingIt() {
        runner.withPropertyValues("resilience.circuitbreaker.instances.model.failure-rate-treshold=60")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("resilience.circuitbreaker.instances.model.failure-rate-treshold"));
    }

    @Test
    void misspelledLimiterPropertyStopsStartupNamingIt() {
        runner.withPropertyValues("resilience.ratelimiter.instances.chat.capasity=10")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("resilience.ratelimiter.instances.chat.capasity"));
    }

    @Test
    void redisStoreSettingsAreAcceptedUnderTheLimiterPrefix() {
        runner.withPropertyValues(
                        "resilience.ratelimiter.redis.key-prefix=app:",
                        "resilience.ratelimiter.redis.failure.policy=allow",
                        "resilience.ratelimiter.instances.chat.capacity=10")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void zeroCapacityNamesThePropertyPath() {
        runner.withPropertyValues("resilience.ratelimiter.instances.chat.capacity=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.chat.capacity")
                        .hasMessageContaining("between 1 and"));
    }

    @Test
    void unknownBaseConfigNamesThePropertyPath() {
        runner.withPropertyValues("resilience.ratelimiter.instances.chat.base-config=missing")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.chat.base-config"));
    }

    @Test
    void metadataDescribesThePropertiesForIdes() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(metadata)
                .contains(
                        "\"resilience.ratelimiter.store\"",
                        "\"resilience.ratelimiter.defaults.capacity\"",
                        "\"resilience.ratelimiter.instances\"",
                        "\"resilience.circuitbreaker.defaults.wait-duration\"",
                        "\"resilience.circuitbreaker.defaults.failure-rate-threshold\"",
                        "\"resilience.circuitbreaker.order\"",
                        "How long the breaker stays open");
    }

    private static BreakerConfig breaker(BreakerRegistry registry, String name) {
        return registry.get(name).config();
    }
}
