package dev.resilience.spring.redis;

import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.resilience.spring.autoconfigure.CircuitBreakerProperties;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Shares the state of the breakers configured with {@code
 * resilience.circuitbreaker.*.shared=true} through Redis, whichever rate limiter store is selected.
 *
 * <p>It uses the application's {@link RedisConnectionFactory} and the key prefix {@code
 * resilience.ratelimiter.redis.key-prefix}. A breaker configured to share its state stops startup,
 * naming the property, when Spring Data Redis is not on the class path or no connection factory
 * exists; without any such breaker, this configuration does nothing.
 */
@AutoConfiguration(
        after = CircuitBreakerAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
public final class RedisSharedBreakerAutoConfiguration {

    private static final String REDIS_CONNECTION_FACTORY =
            "org.springframework.data.redis.connection.RedisConnectionFactory";

    /**
     * The first property that turns sharing on, among the configured instances and the defaults
     * (which every other breaker takes), or empty when no breaker shares its state.
     */
    static Optional<String> firstSharedProperty(CircuitBreakerProperties properties) {
        return properties.getInstances().keySet().stream()
                .map(properties::sharedStateProperty)
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> properties.sharedStateProperty(""));
    }

    /** Shares the configured breakers through the application's Redis. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_CONNECTION_FACTORY)
    @ConditionalOnBean(BreakerRegistry.class)
    static class WithRedis {

        private static final String BEAN_NAME = "redisSharedBreakers";

        @Bean(BEAN_NAME)
        RedisSharedBreakers redisSharedBreakers(
                BreakerRegistry registry,
                ObjectProvider<CircuitBreakerProperties> properties,
                ObjectProvider<RedisConnectionFactory> connectionFactory,
                ConfigurableListableBeanFactory beanFactory,
                Environment environment) {
            CircuitBreakerProperties settings = properties.getIfAvailable(CircuitBreakerProperties::new);
            Optional<String> sharedBy = firstSharedProperty(settings);
            RedisConnectionFactory factory = connectionFactory.getIfUnique();
            if (sharedBy.isPresent() && factory == null) {
                throw new InvalidConfigurationPropertyValueException(
                        sharedBy.get(),
                        "true",
                        "Sharing breaker state needs exactly one RedisConnectionFactory bean: add"
                                + " spring-boot-starter-data-redis and set spring.data.redis.host and"
                                + " spring.data.redis.port (or spring.data.redis.url), or set it to false");
            }
            if (sharedBy.isEmpty()) {
                return RedisSharedBreakers.none();
            }
            String keyPrefix = Binder.get(environment)
                    .bindOrCreate("resilience.ratelimiter.redis", RedisRateLimiterProperties.class)
                    .getKeyPrefix();
            // Stop sharing before the connection factory is destroyed, not after.
            for (String factoryName : beanFactory.getBeanNamesForType(RedisConnectionFactory.class, true, false)) {
                beanFactory.registerDependentBean(factoryName, BEAN_NAME);
            }
            return RedisSharedBreakers.start(registry, settings, factory, keyPrefix);
        }
    }

    /** Stops startup when a breaker is configured to share its state but Redis is absent. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(REDIS_CONNECTION_FACTORY)
    static class WithoutRedis {

        @Bean
        static SmartInitializingSingleton sharedBreakersNeedRedis(ObjectProvider<CircuitBreakerProperties> properties) {
            return () -> properties.ifAvailable(settings -> firstSharedProperty(settings)
                    .ifPresent(property -> {
                        throw new InvalidConfigurationPropertyValueException(
                                property,
                                "true",
                                "Sharing breaker state needs Spring Data Redis: add"
                                        + " spring-boot-starter-data-redis, or set it to false");
                    }));
        }
    }
}
