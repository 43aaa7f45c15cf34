package dev.resilience.spring.autoconfigure;

import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.actuate.CircuitBreakersEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Actuator endpoints for the breakers and limiters, when Actuator is present. */
@AutoConfiguration(after = {CircuitBreakerAutoConfiguration.class, RateLimiterAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
public final class ResilienceActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    CircuitBreakersEndpoint circuitBreakersEndpoint(BreakerRegistry registry, ObjectProvider<TimeSource> time) {
        return new CircuitBreakersEndpoint(registry, time.getIfAvailable(TimeSource::system));
    }
}
