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

    /** Nanoseconds; a {@code long} so that a rejection allocates no {@link Duration}. */
    private final long retryAfterNanos;

    /**
     * Creates the exception for a rejected call.
     *
     * @param breakerName the name of the breaker that rejected the call
     * @param state the breaker's state when it rejected the call
     * @param retryAfter how long until the breaker lets a probe through; zero if unknown
     */
    public CallNotPermittedException(String breakerName, BreakerState state, Duration retryAfter) {
        this(breakerName, state, saturatedNanos(retryAfter));
    }

    /**
     * Creates the exception for a rejected call, allocating nothing beyond itself: the message is
     * built only when asked for.
     *
     * @param breakerName the name of the breaker that rejected the call
     * @param state the breaker's state when it rejected the call
     * @param retryAfterNanos how long until the breaker lets a probe through, in nanoseconds; zero
     *     if unknown
     */
    public CallNotPermittedException(String breakerName, BreakerState state, long retryAfterNanos) {
        super(null, null, false, false);
        this.breakerName = breakerName;
        this.state = state;
        this.retryAfterNanos = retryAfterNanos;
    }

    @Override
    public String getMessage() {
        return "Circuit breaker '" + breakerName + "' is " + state + " and does not permit calls";
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
        return Duration.ofNanos(retryAfterNanos);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
