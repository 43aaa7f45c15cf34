package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.RateLimitExceededException;
import java.util.List;

/**
 * The permits one call took from each of its limits, kept to reconcile them with the call's real
 * cost once it has returned.
 *
 * @param limits the limits of the method, in declaration order
 * @param limiters the limiter charged for each limit (a limit resolver may choose per key)
 * @param keys the key charged in each limit
 * @param costs the permits taken from each limit (0 when the cost was 0)
 * @param rejection the rejection when a limit refused the call (nothing is then charged), else
 *     {@code null}
 * @param waitNanos how long the granted call must wait before it runs, in nanoseconds
 */
record Acquisition(
        List<LimitPlan> limits,
        KeyedRateLimiter[] limiters,
        String[] keys,
        long[] costs,
        RateLimitExceededException rejection,
        long waitNanos) {

    /** A granted call with nothing to reconcile once it returns and no wait. */
    static final Acquisition NOTHING_TO_RECONCILE =
            new Acquisition(List.of(), new KeyedRateLimiter[0], new String[0], new long[0], null, 0);

    /** A granted call with nothing to reconcile that must wait {@code waitNanos} first. */
    static Acquisition waiting(long waitNanos) {
        return new Acquisition(List.of(), new KeyedRateLimiter[0], new String[0], new long[0], null, waitNanos);
    }
}
