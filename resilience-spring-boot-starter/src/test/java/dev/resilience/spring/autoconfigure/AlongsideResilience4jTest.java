package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application may use this starter and Resilience4j's together (for example while migrating):
 * no bean of one replaces or clashes with a bean of the other.
 */
class AlongsideResilience4jTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class,
                    io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration.class,
                    io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration
                            .class));

    @Test
    void bothStartersStartTogetherEachWithItsOwnRegistries() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(RateLimiterRegistry.class);
            assertThat(context).hasSingleBean(BreakerRegistry.class);
            assertThat(context).hasSingleBean(io.github.resilience4j.ratelimiter.RateLimiterRegistry.class);
            assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
            assertThat(context.getBeanNamesForType(RateLimiterRegistry.class))
                    .containsExactly("resilienceRateLimiterRegistry");
            assertThat(context.getBeanNamesForType(BreakerRegistry.class)).containsExactly("resilienceBreakerRegistry");
        });
    }
}
