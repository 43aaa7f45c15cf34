package dev.resilience.core.circuitbreaker;

/**
 * The answer of {@link Breaker#tryAcquirePermission()}: whether a call may proceed, and a handle
 * that the caller hands back with the call's outcome.
 *
 * <p>Every permitted call must end in exactly one of {@link Breaker#onSuccess}, {@link
 * Breaker#onFailure} or {@link Breaker#release}; a half-open probe slot is held until then.
 */
public interface Permission {

    /** Whether the call may proceed. */
    boolean permitted();

    /** The state the breaker was in when it answered. */
    BreakerState state();

    /** When not permitted, how long until the breaker will let a probe through (0 if unknown). */
    long retryAfterNanos();
}
