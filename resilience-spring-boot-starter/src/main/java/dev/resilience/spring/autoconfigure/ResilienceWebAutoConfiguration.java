package dev.resilience.spring.autoconfigure;

import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.web.PermittedRateLimitHeaders;
import dev.resilience.spring.web.PermittedRateLimitWebFilter;
import dev.resilience.spring.web.RejectionProblems;
import dev.resilience.spring.web.ResilienceExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps rejected calls to HTTP responses in Spring MVC and WebFlux applications: {@code 429 Too
 * Many Requests} and {@code 503 Service Unavailable} problem details with {@code Retry-After}.
 */
@AutoConfiguration(after = RateLimiterAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass({ProblemDetail.class, RestControllerAdvice.class})
@ConditionalOnBooleanProperty(name = "resilience.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResilienceWebProperties.class)
public final class ResilienceWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RejectionProblems rejectionProblems(
            ResilienceWebProperties properties, ObjectProvider<RateLimiterRegistry> limiters) {
        return new RejectionProblems(limiters.getIfAvailable(), properties.isRateLimitHeaders());
    }

    @Bean
    @ConditionalOnMissingBean
    ResilienceExceptionHandler resilienceExceptionHandler(RejectionProblems problems) {
        return new ResilienceExceptionHandler(problems);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBooleanProperty("resilience.web.headers-on-permitted")
    @ConditionalOnBean(RateLimiterRegistry.class)
    PermittedRateLimitHeaders permittedRateLimitHeaders(RateLimiterRegistry limiters) {
        return new PermittedRateLimitHeaders(limiters);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnBooleanProperty("resilience.web.headers-on-permitted")
    @ConditionalOnBean(RateLimiterRegistry.class)
    PermittedRateLimitWebFilter permittedRateLimitWebFilter(RateLimiterRegistry limiters) {
        return new PermittedRateLimitWebFilter(limiters);
    }
}
