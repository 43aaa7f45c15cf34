package dev.resilience.benchmarks.circuitbreaker;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Permission;

/**
 * The exception a caller of an open breaker receives, shaped as the starter throws it: no stack
 * trace (the rejection is expected, its place in the code is known), and a message built only
 * when someone reads it.
 */
public final class BreakerOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breaker;

    private final BreakerState state;

    private final long retryAfterNanos;

    /** Creates the exception for a rejection by the named breaker. */
    public BreakerOpenException(String breaker, Permission rejection) {
        super(null, null, false, false);
        this.breaker = breaker;
        this.state = rejection.state();
        this.retryAfterNanos = rejection.retryAfterNanos();
    }

    @Override
    public String getMessage() {
        return "Circuit breaker '" + breaker + "' is " + state + " and permits no calls; retry after "
                + retryAfterNanos / 1_000_000 + " ms";
    }
}
