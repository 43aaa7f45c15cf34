package dev.resilience.spring.autoconfigure;

import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.LimitResolver;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.RateLimited;
import dev.resilience.spring.aop.AnnotationPointcut;
import dev.resilience.spring.aop.RateLimitInterceptor;
import dev.resilience.spring.store.InMemoryRateLimiterStore;
import dev.resilience.spring.store.RateLimiterStore;
import java.util.Locale;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Rate limiting for {@link RateLimited} methods: the limiters configured under {@code
 * resilience.ratelimiter}, the in-memory store unless another store is defined, and the advice.
 */
@AutoConfiguration
@EnableConfigurationProperties(RateLimiterProperties.class)
public final class RateLimiterAutoConfiguration {

    /** The in-memory store, used unless another store (Redis) is configured. */
    @Bean
    @ConditionalOnMissingBean
    RateLimiterStore rateLimiterStore(RateLimiterProperties properties, ObjectProvider<TimeSource> time) {
        if (properties.getStore() != RateLimiterProperties.Store.MEMORY) {
            throw new InvalidConfigurationPropertyValueException(
                    "resilience.ratelimiter.store",
                    properties.getStore().name().toLowerCase(Locale.ROOT),
                    "No store of that kind is available: add spring-boot-starter-data-redis for redis, or set"
                            + " the store to memory");
        }
        if (properties.getMaxKeys() < 1) {
            throw new InvalidConfigurationPropertyValueException(
                    "resilience.ratelimiter.max-keys",
                    properties.getMaxKeys(),
                    "The most keys a limiter holds must be at least 1");
        }
        return new InMemoryRateLimiterStore(time.getIfAvailable(TimeSource::system), properties.getMaxKeys());
    }

    @Bean
    @ConditionalOnMissingBean
    RateLimiterRegistry resilienceRateLimiterRegistry(RateLimiterProperties properties, RateLimiterStore store) {
        RateLimitConfigResolver resolver = new RateLimitConfigResolver(properties);
        return new RateLimiterRegistry(
                store,
                resolver::resolve,
                resolver::resolveTiers,
                properties.getInstances().keySet());
    }

    @Bean
    @ConditionalOnMissingBean
    RateLimitInterceptor rateLimitInterceptor(
            RateLimiterRegistry registry,
            ObjectProvider<LimitResolver> resolver,
            ObjectProvider<CallObserver> observers) {
        return new RateLimitInterceptor(
                registry, resolver.getIfUnique(), observers.orderedStream().toList());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor rateLimitAdvisor(Environment environment, ObjectProvider<RateLimitInterceptor> advice) {
        DefaultPointcutAdvisor advisor =
                new DefaultPointcutAdvisor(new AnnotationPointcut(RateLimited.class), new LazyInterceptor<>(advice));
        // Read directly: advisors are created before configuration properties are bound.
        advisor.setOrder(Binder.get(environment)
                .bind("resilience.ratelimiter.order", Integer.class)
                .orElse(RateLimiterProperties.DEFAULT_ORDER));
        return advisor;
    }
}
