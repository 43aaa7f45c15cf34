package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failures in a row: any recorded success resets the count, and the breaker opens when it
 * reaches the threshold. Slowness plays no part in this mode.
 */
final class ConsecutiveFailures implements OutcomeWindow {

    private final int threshold;
    private final AtomicInteger failures = new AtomicInteger();

    ConsecutiveFailures(BreakerConfig config) {
        this.threshold = config.failureThreshold();
    }

    @Override
    public String record(boolean failure, boolean slow, long now) {
        if (!failure) {
            // Reading first keeps a stream of successes from writing to a shared cache line.
            if (failures.get() != 0) {
                failures.set(0);
            }
            return null;
        }
        int inARow = failures.incrementAndGet();
        return inARow >= threshold ? inARow + " consecutive failures" : null;
    }

    @Override
    public Totals totals(long now) {
        int inARow = failures.get();
        return new Totals(inARow, inARow, 0);
    }
}
