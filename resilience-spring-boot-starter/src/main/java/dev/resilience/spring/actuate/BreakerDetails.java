package dev.resilience.spring.actuate;

import java.util.List;

/**
 * One breaker with its recent events, for {@code /actuator/circuitbreakers/{name}}.
 *
 * @param name the breaker's name
 * @param breaker its numbers and thresholds
 * @param events its recent events, oldest first
 */
public record BreakerDetails(String name, BreakerDescriptor breaker, List<BreakerEventDescriptor> events) {}
