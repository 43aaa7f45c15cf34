package dev.resilience.spring.autoconfigure;

import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.aop.AnnotationPointcut;
import dev.resilience.spring.aop.CircuitBreakerInterceptor;
import dev.resilience.spring.aop.GuardedMethodValidator;
import dev.resilience.spring.aop.RateLimitInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Circuit breaking for {@link CircuitBreaker} methods: the breakers configured under {@code
 * resilience.circuitbreaker} (all created at startup), the advice, and the startup check of every
 * annotated method.
 */
@AutoConfiguration(after = RateLimiterAutoConfiguration.class)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
public final class CircuitBreakerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BreakerRegistry resilienceBreakerRegistry(CircuitBreakerProperties properties, ObjectProvider<TimeSource> time) {
        BreakerConfigResolver resolver = new BreakerConfigResolver(properties);
        BreakerRegistry registry = new BreakerRegistry(
                resolver::resolve,
                time.getIfAvailable(TimeSource::system),
                properties.getInstances().keySet());
        registry.onCreation(breaker -> breaker.addListener(new BreakerTransitionLogger()));
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerInterceptor circuitBreakerInterceptor(
            BreakerRegistry registry, ObjectProvider<CallObserver> observers) {
        return new CircuitBreakerInterceptor(registry, observers.orderedStream().toList());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor circuitBreakerAdvisor(Environment environment, ObjectProvider<CircuitBreakerInterceptor> advice) {
        DefaultPointcutAdvisor advisor =
                new DefaultPointcutAdvisor(new AnnotationPointcut(CircuitBreaker.class), new LazyInterceptor<>(advice));
        // Read directly: advisors are created before configuration properties are bound.
        advisor.setOrder(Binder.get(environment)
                .bind("resilience.circuitbreaker.order", Integer.class)
                .orElse(CircuitBreakerProperties.DEFAULT_ORDER));
        return advisor;
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static GuardedMethodValidator guardedMethodValidator(
            ObjectProvider<CircuitBreakerInterceptor> breakers, ObjectProvider<RateLimitInterceptor> limiters) {
        return new GuardedMethodValidator(breakers, limiters);
    }
}
