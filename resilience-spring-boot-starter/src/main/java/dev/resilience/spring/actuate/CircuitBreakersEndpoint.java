package dev.resilience.spring.actuate;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/circuitbreakers}: every breaker of the application, configured ones included
 * before their first call, with state, rates, counts and thresholds; {@code
 * /actuator/circuitbreakers/{name}} adds recent events, and a write to it forces a state (like any
 * Actuator write, available only where the endpoint is exposed and access allows writes).
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakersEndpoint {

    private static final Logger logger = LoggerFactory.getLogger(CircuitBreakersEndpoint.class);

    private final BreakerRegistry registry;

    private final TimeSource time;

    /** Creates the endpoint over the given breakers, reading event ages from {@code time}. */
    public CircuitBreakersEndpoint(BreakerRegistry registry, TimeSource time) {
        this.registry = registry;
        this.time = time;
    }

    /** Every breaker, by name. */
    @ReadOperation
    public BreakersReport breakers() {
        Map<String, BreakerDescriptor> breakers = new TreeMap<>();
        registry.all().forEach(breaker -> breakers.put(breaker.name(), BreakerDescriptor.of(breaker.snapshot())));
        return new BreakersReport(breakers);
    }

    /** One breaker with its recent events, or {@code null} (404) when there is none of that name. */
    @ReadOperation
    public BreakerDetails breaker(@Selector String name) {
        if (!registry.contains(name)) {
            return null;
        }
        Breaker breaker = registry.get(name);
        long now = time.nanoTime();
        return new BreakerDetails(
                name,
                BreakerDescriptor.of(breaker.snapshot()),
                breaker.recentEvents().stream()
                        .map(event -> describe(event, now))
                        .toList());
    }

    /**
     * Forces breaker {@code name} into {@code state}: {@code CLOSED}, {@code OPEN}, {@code
     * HALF_OPEN}, {@code DISABLED} or {@code FORCED_OPEN}. Logged at INFO.
     */
    @WriteOperation
    public BreakerDetails transition(@Selector String name, String state) {
        if (!registry.contains(name)) {
            return null;
        }
        BreakerState target =
                BreakerState.valueOf(state.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        Breaker breaker = registry.get(name);
        BreakerState before = breaker.state();
        breaker.transitionTo(target);
        logger.info("Circuit breaker '{}' forced {} -> {} through Actuator", name, before, target);
        return breaker(name);
    }

    private static BreakerEventDescriptor describe(BreakerEvent event, long now) {
        return new BreakerEventDescriptor(
                event.type().name(),
                event.from().name(),
                event.to().name(),
                event.reason(),
                (now - event.nanoTime()) / 1_000_000);
    }
}
