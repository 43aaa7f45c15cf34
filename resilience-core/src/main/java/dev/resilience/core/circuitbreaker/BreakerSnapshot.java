package dev.resilience.core.circuitbreaker;

/**
 * A consistent-enough view of a breaker's numbers, for Actuator, metrics and dashboards.
 *
 * @param name the breaker's name
 * @param state the current state
 * @param failureRate failure rate in percent over the current window, or {@link #NOT_COMPUTED}
 *     before the minimum number of calls has been recorded
 * @param slowCallRate slow-call rate in percent, or {@link #NOT_COMPUTED} likewise
 * @param bufferedCalls calls currently in the window
 * @param failedCalls failed calls currently in the window
 * @param slowCalls slow calls currently in the window
 * @param notPermittedCalls calls rejected since the breaker was created
 * @param config the settings, thresholds included
 */
public record BreakerSnapshot(
        String name,
        BreakerState state,
        float failureRate,
        float slowCallRate,
        int bufferedCalls,
        int failedCalls,
        int slowCalls,
        long notPermittedCalls,
        BreakerConfig config) {

    /** The value of a rate that has not been computed yet because too few calls were recorded. */
    public static final float NOT_COMPUTED = -1f;
}
