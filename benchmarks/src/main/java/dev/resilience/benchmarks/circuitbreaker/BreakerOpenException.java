package dev.resilience.benchmarks.circuitbreaker;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Permission;
import java.time.Duration;

/**
 * The exception a caller of an open breaker receives, shaped as the starter throws it: no stack
 * trace and no suppressed exceptions (the rejection is expected and its place in the code is
 * known), with the breaker's name, state and retry-after time, and its message built at once.
 */
public final class BreakerOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breaker;

    private final BreakerState state;

    private final Duration retryAfter;

    /** Creates the exception for a rejection by the named breaker. */
    public BreakerOpenException(String breaker, Permission rejection) {
        super(
                "Circuit breaker '" + breaker + "' is " + rejection.state() + " and does not permit calls",
                null,
                false,
                false);
        this.breaker = breaker;
        this.state = rejection.state();
        this.retryAfter = Duration.ofNanos(rejection.retryAfterNanos());
    }

    /** The name of the breaker that rejected the call. */
    public String breaker() {
        return breaker;
    }

    /** The breaker's state when it rejected the call. */
    public BreakerState state() {
        return state;
    }

    /** How long until the breaker lets a probe through. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
