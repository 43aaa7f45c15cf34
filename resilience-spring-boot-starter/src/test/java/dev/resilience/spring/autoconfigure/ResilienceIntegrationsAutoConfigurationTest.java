package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.spring.actuate.CircuitBreakersEndpoint;
import dev.resilience.spring.actuate.CircuitBreakersHealthIndicator;
import dev.resilience.spring.actuate.RateLimitersEndpoint;
import dev.resilience.spring.metrics.ResilienceMetrics;
import dev.resilience.spring.web.PermittedRateLimitHeaders;
import dev.resilience.spring.web.ResilienceExceptionHandler;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the web, Actuator and metrics integrations are contributed, and how to switch them off. */
class ResilienceIntegrationsAutoConfigurationTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(
            RateLimiterAutoConfiguration.class,
            CircuitBreakerAutoConfiguration.class,
            ResilienceWebAutoConfiguration.class,
            ResilienceActuatorAutoConfiguration.class,
            ResilienceMetricsAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER);

    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(STARTER);

    @Test
    void webApplicationGetsTheRejectionHandler() {
        web.run(context -> assertThat(context).hasSingleBean(ResilienceExceptionHandler.class));
    }

    @Test
    void rejectionHandlerCanBeSwitchedOff() {
        web.withPropertyValues("resilience.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceExceptionHandler.class));
    }

    @Test
    void nonWebApplicationGetsNoRejectionHandler() {
        plain.run(context -> assertThat(context).doesNotHaveBean(ResilienceExceptionHandler.class));
    }

    @Test
    void permittedHeadersAreWrittenOnlyWhenAskedFor() {
        web.run(context -> assertThat(context).doesNotHaveBean(PermittedRateLimitHeaders.class));
        web.withPropertyValues("resilience.web.headers-on-permitted=true")
                .run(context -> assertThat(context).hasSingleBean(PermittedRateLimitHeaders.class));
    }

    @Test
    void endpointsAndHealthAreContributedWithActuator() {
        plain.withPropertyValues("management.endpoints.web.exposure.include=*").run(context -> {
            assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class);
            assertThat(context).hasSingleBean(RateLimitersEndpoint.class);
            assertThat(context).hasSingleBean(CircuitBreakersHealthIndicator.class);
        });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        plain.withPropertyValues("management.health.circuitbreakers.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void withoutActuatorThereAreNoEndpoints() {
        plain.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class));
    }

    @Test
    void metricsBinderIsContributedWithMicrometerOnly() {
        plain.run(context -> assertThat(context).hasSingleBean(ResilienceMetrics.class));
        plain.withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceMetrics.class));
    }
}
