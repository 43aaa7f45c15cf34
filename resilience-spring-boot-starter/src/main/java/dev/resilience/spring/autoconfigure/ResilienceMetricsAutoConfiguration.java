package dev.resilience.spring.autoconfigure;

import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.metrics.ResilienceMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the breakers and limiters, when Micrometer is present; Spring Boot binds
 * them to every meter registry of the application.
 */
@AutoConfiguration(after = {CircuitBreakerAutoConfiguration.class, RateLimiterAutoConfiguration.class})
@ConditionalOnClass(MeterBinder.class)
public final class ResilienceMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ResilienceMetrics resilienceMetrics(
            ObjectProvider<BreakerRegistry> breakers, ObjectProvider<RateLimiterRegistry> limiters) {
        return new ResilienceMetrics(breakers.getIfAvailable(), limiters.getIfAvailable());
    }
}
