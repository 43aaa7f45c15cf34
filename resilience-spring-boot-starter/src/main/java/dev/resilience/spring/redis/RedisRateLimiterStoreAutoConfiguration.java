package dev.resilience.spring.redis;

import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.store.RateLimiterStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Keeps rate limiter state in Redis when {@code resilience.ratelimiter.store=redis}, through the
 * application's {@link RedisConnectionFactory} (Spring Data Redis with Lettuce).
 *
 * <p>It runs after Boot's Redis auto-configuration, which provides the connection factory from
 * {@code spring.data.redis.*}, and before the rate limiter auto-configuration, whose in-memory
 * store then backs off. At startup it connects and loads the scripts, waiting at most two
 * seconds; an unreachable Redis does not stop the application, whose limiters then apply the
 * failure policy until Redis answers.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        beforeName = "dev.resilience.spring.autoconfigure.RateLimiterAutoConfiguration")
@ConditionalOnClass(
        name = {"org.springframework.data.redis.connection.RedisConnectionFactory", "io.lettuce.core.RedisClient"})
@ConditionalOnProperty(prefix = "resilience.ratelimiter", name = "store", havingValue = "redis")
@EnableConfigurationProperties(RedisRateLimiterProperties.class)
public final class RedisRateLimiterStoreAutoConfiguration {

    /** How long startup waits for Redis to connect and load the scripts; it never fails on it. */
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(2);

    /** Creates the Redis store, or fails naming what is missing when no Redis is configured. */
    @Bean
    @ConditionalOnMissingBean(RateLimiterStore.class)
    RedisRateLimiterStore redisRateLimiterStore(
            ObjectProvider<RedisConnectionFactory> connectionFactory,
            RedisRateLimiterProperties properties,
            ObjectProvider<TimeSource> time) {
        RedisConnectionFactory factory = connectionFactory.getIfUnique();
        if (factory == null) {
            throw new IllegalStateException("resilience.ratelimiter.store=redis needs exactly one"
                    + " RedisConnectionFactory bean: add spring-boot-starter-data-redis and set"
                    + " spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url),"
                    + " or set resilience.ratelimiter.store=memory");
        }
        RedisRateLimiterStore store =
                new RedisRateLimiterStore(factory, properties, time.getIfAvailable(TimeSource::system));
        store.warmUp(WARM_UP_WAIT);
        return store;
    }

    /** Publishes the store's meters when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class RedisStoreMetricsConfiguration {

        @Bean
        MeterBinder redisRateLimiterStoreMetrics(ObjectProvider<RedisRateLimiterStore> store) {
            return registry -> store.ifAvailable(s -> new RedisStoreMetrics(s).bindTo(registry));
        }
    }
}
