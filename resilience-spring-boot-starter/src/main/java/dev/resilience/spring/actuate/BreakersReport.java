package dev.resilience.spring.actuate;

import java.util.Map;

/**
 * Every breaker of the application, for {@code /actuator/circuitbreakers}.
 *
 * @param circuitBreakers the breakers by name, sorted by name
 */
public record BreakersReport(Map<String, BreakerDescriptor> circuitBreakers) {}
