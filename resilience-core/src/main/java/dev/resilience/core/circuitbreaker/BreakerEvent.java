package dev.resilience.core.circuitbreaker;

/**
 * Something that happened to a breaker: a state transition or a rejected call.
 *
 * @param breakerName the breaker's name
 * @param type what happened
 * @param from the state before (for a rejection: the state that rejected)
 * @param to the state after (for a rejection: same as {@code from})
 * @param reason a short human-readable reason, for example {@code "failure rate 60.0% >= 50.0%"}
 * @param nanoTime when it happened, on the breaker's time source
 */
public record BreakerEvent(
        String breakerName, Type type, BreakerState from, BreakerState to, String reason, long nanoTime) {

    /** Kinds of breaker events. */
    public enum Type {
        /** The breaker moved from one state to another. */
        STATE_TRANSITION,
        /** A call was rejected because the breaker did not permit it. */
        NOT_PERMITTED
    }
}
