package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.annotation.RateLimited;
import dev.resilience.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.resilience.spring.autoconfigure.RateLimiterAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Priority tiers keep their pool and per-tier state in Redis when the Redis store is selected. */
class RedisTieredLimitTest {

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void premiumKeepsItsLimitWhileFreeSaturatesAPoolHeldInRedis() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AopAutoConfiguration.class,
                        DataRedisAutoConfiguration.class,
                        RedisRateLimiterStoreAutoConfiguration.class,
                        RateLimiterAutoConfiguration.class,
                        CircuitBreakerAutoConfiguration.class))
                .withBean(Gateway.class)
                .withPropertyValues(
                        "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + redis.port(),
                        "resilience.ratelimiter.store=redis",
                        "resilience.ratelimiter.redis.key-prefix=tiers-" + System.nanoTime() + ":",
                        "resilience.ratelimiter.instances.tokens.period=1h",
                        "resilience.ratelimiter.instances.tokens.tiers.premium.capacity=5",
                        "resilience.ratelimiter.instances.tokens.tiers.free.capacity=10",
                        "resilience.ratelimiter.instances.tokens.tier-order=premium,free",
                        "resilience.ratelimiter.instances.tokens.pool.capacity=20",
                        "resilience.ratelimiter.instances.tokens.pool.reserve=5")
                .run(context -> {
                    Gateway gateway = context.getBean(Gateway.class);
                    String prefix =
                            context.getBean(RedisRateLimiterProperties.class).getKeyPrefix();

                    int freeA = admitted(() -> gateway.complete("a", "free"), 12);
                    int freeB = admitted(() -> gateway.complete("b", "free"), 12);
                    int premium = admitted(() -> gateway.complete("p", "premium"), 12);

                    assertThat(freeA).isEqualTo(10);
                    assertThat(freeB).isEqualTo(5);
                    assertThat(premium).isEqualTo(5);
                    try (RedisConnection connection =
                            context.getBean(RedisConnectionFactory.class).getConnection()) {
                        assertThat(connection.keyCommands().exists(bytes(prefix + "{tokens:pool}:tb")))
                                .isTrue();
                        assertThat(connection.keyCommands().exists(bytes(prefix + "{tokens[free]:a}:tb")))
                                .isTrue();
                    }
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    /** A service whose callers name their tier. */
    static class Gateway {

        @RateLimited(name = "tokens", key = "#tenant", tier = "#tier")
        public String complete(String tenant, String tier) {
            return "answer";
        }
    }
}
