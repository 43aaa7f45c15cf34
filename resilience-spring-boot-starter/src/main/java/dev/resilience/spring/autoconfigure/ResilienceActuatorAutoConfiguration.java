package dev.resilience.spring.autoconfigure;

import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.actuate.CircuitBreakersEndpoint;
import dev.resilience.spring.actuate.CircuitBreakersHealthIndicator;
import dev.resilience.spring.actuate.RateLimitersEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Actuator endpoints and health for the breakers and limiters, when Actuator is present. */
@AutoConfiguration(after = {CircuitBreakerAutoConfiguration.class, RateLimiterAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
public final class ResilienceActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    @ConditionalOnBean(BreakerRegistry.class)
    CircuitBreakersEndpoint circuitBreakersEndpoint(
            BreakerRegistry registry, CircuitBreakerProperties properties, ObjectProvider<TimeSource> time) {
        return new CircuitBreakersEndpoint(
                registry,
                time.getIfAvailable(TimeSource::system),
                new BreakerConfigResolver(properties)::resolveAtRunTime);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    @ConditionalOnBean(RateLimiterRegistry.class)
    RateLimitersEndpoint rateLimitersEndpoint(RateLimiterRegistry registry) {
        return new RateLimitersEndpoint(registry);
    }

    /** The health indicator, when Actuator's health support is present and the indicator enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    @ConditionalOnEnabledHealthIndicator("circuitbreakers")
    static final class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
        @ConditionalOnBean(BreakerRegistry.class)
        CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(
                BreakerRegistry registry, CircuitBreakerProperties properties) {
            return new CircuitBreakersHealthIndicator(
                    registry, properties.getHealth().isDownWhenOpen());
        }
    }
}
