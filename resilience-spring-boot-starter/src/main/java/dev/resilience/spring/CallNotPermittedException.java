package dev.resilience.spring;

import dev.resilience.core.circuitbreaker.BreakerState;
import java.time.Duration;

/**
 * Thrown instead of invoking a {@link dev.resilience.spring.annotation.CircuitBreaker} method
 * when its breaker does not permit calls (open, forced open, or half-open with every probe slot
 * taken) and no fallback method is declared.
 *
 * <p>This is flow control, not an error: it carries no stack trace. Web requests turn it into
 * {@code 503 Service Unavailable} with {@code Retry-After}.
 */
public class CallNotPermittedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breakerName;

    private final BreakerState state;

    private final Duration retryAfter;

    /**
     * Creates the exception for a rejected call.
     *
     * @param breakerName the name of the breaker that rejected the call
     * @param state the breaker's state when it rejected the call
     * @param retryAfter how long until the breaker lets a probe through; zero if unknown
     */
    public CallNotPermittedException(String breakerName, BreakerState state, Duration retryAfter) {
        super("Circuit breaker '" + breakerName + "' is " + state + " and does not permit calls", null, false, false);
        this.breakerName = breakerName;
        this.state = state;
        this.retryAfter = retryAfter;
    }

    /** The name of the breaker that rejected the call. */
    public String getBreakerName() {
        return breakerName;
    }

    /** The breaker's state when it rejected the call. */
    public BreakerState getState() {
        return state;
    }

    /** How long until the breaker lets a probe through; zero if unknown. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
