package dev.resilience.spring.autoconfigure;

import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one INFO line per breaker state transition; rejections are not logged. */
final class BreakerTransitionLogger implements BreakerListener {

    private static final Logger logger = LoggerFactory.getLogger("dev.resilience.circuitbreaker");

    @Override
    public void onEvent(BreakerEvent event) {
        if (event.type() == BreakerEvent.Type.STATE_TRANSITION) {
            logger.info(
                    "Circuit breaker '{}' {} -> {}: {}", event.breakerName(), event.from(), event.to(), event.reason());
        }
    }
}
