package dev.resilience.sample.replay;

import java.util.List;

/**
 * Everything a replay observed.
 *
 * @param options the settings of the run
 * @param source what was replayed, for example the trace file's name
 * @param outcomes one outcome per offered request, in arrival order
 * @param transitions the breaker's state changes, in time order
 * @param outageStartNanos when the model outage began, after the replay started; -1 for none
 * @param outageEndNanos when it ended; -1 for none
 * @param wallNanos how long the replay ran
 * @param maxLagNanos the most a request was sent later than its compressed arrival time
 * @param comparison the offline comparison of limiting policies on the same trace
 * @param traceSpanNanos the trace time from the first request to the last
 */
public record ReplayResult(
        ReplayOptions options,
        String source,
        List<Outcome> outcomes,
        List<Transition> transitions,
        long outageStartNanos,
        long outageEndNanos,
        long wallNanos,
        long maxLagNanos,
        List<PolicyResult> comparison,
        long traceSpanNanos) {

    /** The same result with the offline comparison of limiting policies. */
    public ReplayResult withComparison(List<PolicyResult> policies) {
        return new ReplayResult(
                options,
                source,
                outcomes,
                transitions,
                outageStartNanos,
                outageEndNanos,
                wallNanos,
                maxLagNanos,
                List.copyOf(policies),
                traceSpanNanos);
    }
}
