package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.store.RateLimiterStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Selecting and configuring the Redis store through properties, on a real Redis server. */
class RedisRateLimiterStoreAutoConfigurationTest {

    private static LocalRedis redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class, RedisRateLimiterStoreAutoConfiguration.class));

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
    void withoutTheStorePropertyNoRedisStoreIsCreated() {
        runner.withPropertyValues(redisAddress())
                .run(context -> assertThat(context).doesNotHaveBean(RateLimiterStore.class));
    }

    @Test
    void oneStorePropertySwitchesLimitersToRedis() {
        runner.withPropertyValues(redisAddress())
                .withPropertyValues("resilience.ratelimiter.store=redis")
                .run(context -> {
                    assertThat(context).hasSingleBean(RateLimiterStore.class);
                    assertThat(context.getBean(RateLimiterStore.class)).isInstanceOf(RedisRateLimiterStore.class);
                    assertThat(context).hasSingleBean(MeterBinder.class);
                });
    }

    @Test
    void storeSettingsAreBoundFromProperties() {
        runner.withPropertyValues(redisAddress())
                .withPropertyValues(
                        "resilience.ratelimiter.store=redis",
                        "resilience.ratelimiter.redis.key-prefix=gateway:",
                        "resilience.ratelimiter.redis.failure-policy=deny",
                        "resilience.ratelimiter.redis.command-timeout=2s",
                        "resilience.ratelimiter.redis.failure-threshold=7",
                        "resilience.ratelimiter.redis.retry-interval=10s")
                .run(context -> {
                    RedisRateLimiterProperties properties = context.getBean(RedisRateLimiterProperties.class);
                    assertThat(properties.getFailurePolicy()).isEqualTo(RedisFailurePolicy.DENY);
                    assertThat(properties.getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getFailureThreshold()).isEqualTo(7);
                    assertThat(properties.getRetryInterval()).isEqualTo(Duration.ofSeconds(10));

                    context.getBean(RateLimiterStore.class)
                            .create("chat", RateLimitConfig.perPeriod(5, Duration.ofHours(1)))
                            .tryAcquire("tenant-a", 1);

                    try (RedisConnection connection =
                            context.getBean(RedisConnectionFactory.class).getConnection()) {
                        byte[] key = "gateway:{chat:tenant-a}:tb".getBytes(StandardCharsets.UTF_8);
                        assertThat(connection.keyCommands().exists(key)).isTrue();
                    }
                });
    }

    @Test
    void invalidSettingStopsStartupNamingTheProperty() {
        runner.withPropertyValues(redisAddress())
                .withPropertyValues(
                        "resilience.ratelimiter.store=redis", "resilience.ratelimiter.redis.command-timeout=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.ratelimiter.redis.command-timeout")
                        .hasMessageContaining("PT0S"));
    }

    @Test
    void withoutSpringDataRedisTheStoreStaysOut() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues("resilience.ratelimiter.store=redis")
                .run(context -> assertThat(context).doesNotHaveBean(RedisRateLimiterStore.class));
    }

    @Test
    void anApplicationStoreTakesPrecedence() {
        RateLimiterStore own = (name, config) -> null;
        runner.withPropertyValues(redisAddress())
                .withPropertyValues("resilience.ratelimiter.store=redis")
                .withBean(RateLimiterStore.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(RateLimiterStore.class)).isSameAs(own));
    }

    @Test
    void twoApplicationContextsShareOneLimitThroughRedis() {
        String name = "shared-" + System.nanoTime();
        AtomicInteger admitted = new AtomicInteger();
        ApplicationContextRunner app =
                runner.withPropertyValues(redisAddress()).withPropertyValues("resilience.ratelimiter.store=redis");

        app.run(first -> app.run(second -> {
            KeyedRateLimiter one = first.getBean(RateLimiterStore.class)
                    .create(name, RateLimitConfig.perPeriod(5, Duration.ofHours(1)));
            KeyedRateLimiter two = second.getBean(RateLimiterStore.class)
                    .create(name, RateLimitConfig.perPeriod(5, Duration.ofHours(1)));
            assertThat(first.getBean(RedisConnectionFactory.class))
                    .isNotSameAs(second.getBean(RedisConnectionFactory.class));

            for (int i = 0; i < 6; i++) {
                Decision a = one.tryAcquire("tenant", 1);
                Decision b = two.tryAcquire("tenant", 1);
                admitted.addAndGet((a.allowed() ? 1 : 0) + (b.allowed() ? 1 : 0));
            }
        }));

        assertThat(admitted).hasValue(5);
    }

    private static String[] redisAddress() {
        return new String[] {"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port()};
    }
}
