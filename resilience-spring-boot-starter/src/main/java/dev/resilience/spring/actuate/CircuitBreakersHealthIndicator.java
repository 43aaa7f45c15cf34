package dev.resilience.spring.actuate;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the state of every breaker. An open breaker means a dependency is failing, not this
 * application, so by default the status stays UP; with {@code
 * resilience.circuitbreaker.health.down-when-open=true} any open or forced-open breaker makes it
 * DOWN.
 */
public class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {

    private final BreakerRegistry registry;

    private final boolean downWhenOpen;

    /** Creates the indicator; {@code downWhenOpen} turns an open breaker into DOWN. */
    public CircuitBreakersHealthIndicator(BreakerRegistry registry, boolean downWhenOpen) {
        this.registry = registry;
        this.downWhenOpen = downWhenOpen;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> states = new TreeMap<>();
        boolean anyOpen = false;
        for (Breaker breaker : registry.all()) {
            BreakerState state = breaker.state();
            states.put(breaker.name(), state.name());
            anyOpen |= state == BreakerState.OPEN || state == BreakerState.FORCED_OPEN;
        }
        if (anyOpen && downWhenOpen) {
            builder.down();
        } else {
            builder.up();
        }
        builder.withDetail("circuitBreakers", states);
    }
}
