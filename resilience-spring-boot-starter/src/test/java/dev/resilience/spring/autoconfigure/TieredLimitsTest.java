package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.RateLimited;
import dev.resilience.spring.store.RateLimiterStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Priority tiers from configuration: per-tier limits over a shared pool with a reserve. */
class TieredLimitsTest {

    private static final String[] TIERS = {
        "resilience.ratelimiter.instances.tokens.period=1m",
        "resilience.ratelimiter.instances.tokens.tiers.premium.capacity=5",
        "resilience.ratelimiter.instances.tokens.tiers.free.capacity=10",
        "resilience.ratelimiter.instances.tokens.tier-order=premium,free",
        "resilience.ratelimiter.instances.tokens.pool.capacity=20",
        "resilience.ratelimiter.instances.tokens.pool.reserve=5"
    };

    private final ManualTimeSource time = ManualTimeSource.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class))
            .withBean(TimeSource.class, () -> time)
            .withBean(Gateway.class);

    @Test
    void premiumKeepsItsRateWhileFreeSaturatesThePool() {
        runner.withPropertyValues(TIERS).run(context -> {
            Gateway gateway = context.getBean(Gateway.class);

            for (int minute = 0; minute < 3; minute++) {
                int freeA = admitted(() -> gateway.complete("a", "free"), 12);
                int freeB = admitted(() -> gateway.complete("b", "free"), 12);
                int premium = admitted(() -> gateway.complete("p", "premium"), 12);

                assertThat(freeA).as("free tenant a in minute %d", minute).isEqualTo(10);
                assertThat(freeB).as("free tenant b stops at the reserve").isEqualTo(5);
                assertThat(premium).as("premium keeps its own limit").isEqualTo(5);
                time.advance(Duration.ofMinutes(1));
            }
        });
    }

    @Test
    void aFreeRejectionAtThePoolNamesTheLimitAndWhenToRetry() {
        runner.withPropertyValues(TIERS).run(context -> {
            Gateway gateway = context.getBean(Gateway.class);
            admitted(() -> gateway.complete("a", "free"), 10);
            admitted(() -> gateway.complete("b", "free"), 5);

            assertThatThrownBy(() -> gateway.complete("b", "free"))
                    .isInstanceOfSatisfying(RateLimitExceededException.class, ex -> {
                        assertThat(ex.getLimiterName()).isEqualTo("tokens");
                        assertThat(ex.getDecision().permits()).isEqualTo(1);
                        assertThat(ex.getRetryAfter()).isPositive();
                    });
        });
    }

    @Test
    void anUnknownTierFailsTheCallNamingTheTiersAndTheFix() {
        runner.withPropertyValues(TIERS).run(context -> {
            Gateway gateway = context.getBean(Gateway.class);

            assertThatThrownBy(() -> gateway.complete("a", "gold"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Rate limiter 'tokens' has no tier 'gold'")
                    .hasMessageContaining("[")
                    .hasMessageContaining("resilience.ratelimiter.instances.tokens.default-tier");
        });
    }

    @Test
    void anUnknownTierCountsAsTheDefaultTierWhenOneIsConfigured() {
        runner.withPropertyValues(TIERS)
                .withPropertyValues("resilience.ratelimiter.instances.tokens.default-tier=free")
                .run(context -> {
                    Gateway gateway = context.getBean(Gateway.class);

                    assertThat(admitted(() -> gateway.complete("a", "gold"), 12))
                            .isEqualTo(10);
                });
    }

    @Test
    void aTieredLimitWithoutATierExpressionStopsStartupNamingTheMethod() {
        runner.withPropertyValues(TIERS)
                .withBean(Untiered.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("Untiered.complete")
                        .hasStackTraceContaining("has no tier expression"));
    }

    @Test
    void tiersAndPoolAreCreatedInTheConfiguredStore() {
        List<String> created = new CopyOnWriteArrayList<>();
        RateLimiterStore store = (name, config) -> {
            created.add(name);
            return RateLimiters.keyed(name, config, time, 100);
        };
        runner.withPropertyValues(TIERS)
                .withBean(RateLimiterStore.class, () -> store)
                .run(context -> {
                    assertThat(created).containsExactlyInAnyOrder("tokens", "tokens[premium]", "tokens[free]");
                    assertThat(context.getBean(RateLimiterRegistry.class)
                                    .get("tokens")
                                    .config()
                                    .capacity())
                            .isEqualTo(20);
                });
    }

    @Test
    void tiersWithoutAnOrderStopStartupNamingTheProperty() {
        runner.withPropertyValues(TIERS)
                .withPropertyValues("resilience.ratelimiter.instances.tokens.tier-order=premium")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.tokens.tier-order")
                        .hasMessageContaining("highest priority first"));
    }

    @Test
    void aReserveAsLargeAsThePoolStopsStartupNamingTheProperty() {
        runner.withPropertyValues(TIERS)
                .withPropertyValues("resilience.ratelimiter.instances.tokens.pool.reserve=20")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.tokens.pool.reserve")
                        .hasMessageContaining("below the pool's capacity of 20"));
    }

    @Test
    void tiersWithoutAPoolStopStartupNamingTheProperty() {
        runner.withPropertyValues(
                        "resilience.ratelimiter.instances.tokens.tiers.free.capacity=10",
                        "resilience.ratelimiter.instances.tokens.default-tier=free")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.tokens.pool.capacity"));
    }

    @Test
    void anUnknownDefaultTierStopsStartupNamingTheProperty() {
        runner.withPropertyValues(TIERS)
                .withPropertyValues("resilience.ratelimiter.instances.tokens.default-tier=gold")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.instances.tokens.default-tier")
                        .hasMessageContaining("[premium, free]"));
    }

    private static int admitted(Supplier<String> call, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                call.get();
                admitted++;
            } catch (RateLimitExceededException rejected) {
                // Counted by omission.
            }
        }
        return admitted;
    }

    /** A service that forgets to name the tier of a tiered limit. */
    static class Untiered {

        @RateLimited(name = "tokens", key = "#tenant")
        public String complete(String tenant) {
            return "answer";
        }
    }

    /** A service whose callers name their tier. */
    static class Gateway {

        @RateLimited(name = "tokens", key = "#tenant", tier = "#tier")
        public String complete(String tenant, String tier) {
            return "answer";
        }
    }
}
