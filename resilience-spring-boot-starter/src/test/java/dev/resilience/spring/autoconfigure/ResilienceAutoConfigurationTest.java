package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import dev.resilience.spring.store.InMemoryRateLimiterStore;
import dev.resilience.spring.store.RateLimiterStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans the starter contributes, under which conditions, and how startup fails. */
class ResilienceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class));

    @Test
    void inMemoryStoreAndRegistriesAreContributedByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RateLimiterStore.class);
            assertThat(context.getBean(RateLimiterStore.class)).isInstanceOf(InMemoryRateLimiterStore.class);
            assertThat(context).hasSingleBean(RateLimiterRegistry.class);
            assertThat(context).hasSingleBean(BreakerRegistry.class);
        });
    }

    @Test
    void aStoreDefinedElsewhereReplacesTheInMemoryOne() {
        RateLimiterStore custom = (name, config) -> RateLimiters.keyed(name, config, TimeSource.system(), 10);
        runner.withBean(RateLimiterStore.class, () -> custom)
                .withPropertyValues("resilience.ratelimiter.store=redis")
                .run(context ->
                        assertThat(context.getBean(RateLimiterStore.class)).isSameAs(custom));
    }

    @Test
    void redisStoreWithoutRedisFailsNamingTheProperty() {
        runner.withPropertyValues("resilience.ratelimiter.store=redis")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.store"));
    }

    @Test
    void unknownStoreFailsNamingTheProperty() {
        runner.withPropertyValues("resilience.ratelimiter.store=disk")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("Failed to bind properties under 'resilience.ratelimiter.store'"));
    }

    @Test
    void configuredInstancesExistBeforeTheirFirstUse() {
        runner.withPropertyValues(
                        "resilience.ratelimiter.instances.chat.capacity=5",
                        "resilience.circuitbreaker.instances.model.minimum-number-of-calls=5")
                .run(context -> {
                    assertThat(context.getBean(RateLimiterRegistry.class).names())
                            .containsExactly("chat");
                    assertThat(context.getBean(BreakerRegistry.class)
                                    .get("model")
                                    .config()
                                    .minimumNumberOfCalls())
                            .isEqualTo(5);
                    assertThat(context.getBean(BreakerRegistry.class).all()).hasSize(1);
                });
    }

    @Test
    void instancesNamedOnlyByAnnotationsExistBeforeTheirFirstCall() {
        runner.withBean(Annotated.class).run(context -> {
            assertThat(context.getBean(BreakerRegistry.class).names()).containsExactly("annotated");
            assertThat(context.getBean(RateLimiterRegistry.class).names()).containsExactly("annotated-limit");
        });
    }

    @Test
    void aTimeSourceBeanReplacesTheSystemClock() {
        ManualTimeSource time = ManualTimeSource.create();
        runner.withBean(ManualTimeSource.class, () -> time)
                .withPropertyValues(
                        "resilience.ratelimiter.instances.chat.capacity=1",
                        "resilience.ratelimiter.instances.chat.period=1m")
                .run(context -> {
                    KeyedRateLimiter chat =
                            context.getBean(RateLimiterRegistry.class).get("chat");
                    assertThat(chat.tryAcquire("k", 1).allowed()).isTrue();
                    assertThat(chat.tryAcquire("k", 1).allowed()).isFalse();

                    time.advance(Duration.ofMinutes(1));

                    assertThat(chat.tryAcquire("k", 1).allowed()).isTrue();
                });
    }

    @Test
    void breakerWaitIsReadFromTheInstance() {
        runner.withPropertyValues("resilience.circuitbreaker.instances.model.wait-duration=500ms")
                .run(context -> {
                    var model = context.getBean(BreakerRegistry.class).get("model");
                    assertThat(model.config().waitDurationInOpenState()).isEqualTo(Duration.ofMillis(500));
                    assertThat(model.state()).isEqualTo(BreakerState.CLOSED);
                });
    }

    @Test
    void limiterSettingsComeFromRateAndPeriod() {
        runner.withPropertyValues(
                        "resilience.ratelimiter.instances.chat.rate=100",
                        "resilience.ratelimiter.instances.chat.period=1m")
                .run(context -> assertThat(context.getBean(RateLimiterRegistry.class)
                                .get("chat")
                                .config())
                        .isEqualTo(new RateLimitConfig(
                                dev.resilience.core.ratelimit.Algorithm.TOKEN_BUCKET,
                                100,
                                100,
                                Duration.ofMinutes(1),
                                Duration.ZERO)));
    }

    static class Annotated {

        @CircuitBreaker(name = "annotated")
        @RateLimited(name = "annotated-limit", capacity = 3)
        public String call() {
            return "ok";
        }
    }
}
