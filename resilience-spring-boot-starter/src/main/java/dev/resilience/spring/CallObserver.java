package dev.resilience.spring;

import dev.resilience.core.ratelimit.Decision;

/**
 * Hears what the advice does with each guarded call, for metrics and response headers. Every
 * bean of this type is told, on the calling thread (for asynchronous results: the completing
 * one), so implementations must be fast and must not throw.
 */
public interface CallObserver {

    /**
     * A limit decided on a call: permits granted or refused.
     *
     * @param limiter the limiter's name
     * @param tier the caller's tier from the annotation's {@code tier} expression, or {@code
     *     null} when it has none
     * @param decision the decision, with the permits asked for
     */
    default void onRateLimit(String limiter, String tier, Decision decision) {}

    /**
     * A call granted by its limits must wait before it runs (a configured maximum wait, or a
     * leaky bucket's pacing): a synchronous caller is parked that long, an asynchronous call is
     * started that much later.
     *
     * @param limiter the name of the limiter that asked for the longest wait
     * @param waitNanos the wait, in nanoseconds, above 0
     */
    default void onRateLimitWait(String limiter, long waitNanos) {}

    /**
     * A guarded call ended, or was not permitted.
     *
     * @param breaker the breaker's name
     * @param outcome how it ended
     */
    default void onBreakerCall(String breaker, CallOutcome outcome) {}

    /** How a call guarded by a breaker ended. */
    enum CallOutcome {
        /** It returned, or its result completed normally. */
        SUCCESS,
        /** It threw, or its result completed with an error. */
        ERROR,
        /** The breaker did not permit it. */
        NOT_PERMITTED
    }
}
