package dev.resilience.sample.dashboard;

import dev.resilience.sample.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the dashboard page at {@code /dashboard} (the static {@code dashboard.html}) and meters
 * the tokens each tier is admitted and refused, which the page reads from Actuator.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

    /** The address of the dashboard page. */
    public static final String DASHBOARD_PATH = "/dashboard";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(DASHBOARD_PATH, "/dashboard.html");
    }

    @Bean
    FilterRegistrationBean<TierTokenMetricsFilter> tierTokenMetricsFilter(
            GatewayProperties properties, MeterRegistry meters) {
        TierTokenMetricsFilter filter = new TierTokenMetricsFilter(
                properties, meters, JsonMapper.builder().build());
        FilterRegistrationBean<TierTokenMetricsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(TierTokenMetricsFilter.CHAT_PATH);
        return registration;
    }
}
