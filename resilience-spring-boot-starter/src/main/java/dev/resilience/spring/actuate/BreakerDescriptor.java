package dev.resilience.spring.actuate;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerSnapshot;

/**
 * One breaker's numbers and thresholds as the {@code circuitbreakers} endpoint shows them.
 *
 * @param state the current state
 * @param failureRate failure rate in percent, or -1 before the minimum number of calls
 * @param slowCallRate slow-call rate in percent, or -1 before the minimum number of calls
 * @param bufferedCalls calls in the current window
 * @param failedCalls failed calls in the current window
 * @param slowCalls slow calls in the current window
 * @param notPermittedCalls calls rejected since the breaker was created
 * @param thresholds the settings that decide transitions
 */
public record BreakerDescriptor(
        String state,
        float failureRate,
        float slowCallRate,
        int bufferedCalls,
        int failedCalls,
        int slowCalls,
        long notPermittedCalls,
        Thresholds thresholds) {

    /** Describes a snapshot. */
    public static BreakerDescriptor of(BreakerSnapshot snapshot) {
        return new BreakerDescriptor(
                snapshot.state().name(),
                snapshot.failureRate(),
                snapshot.slowCallRate(),
                snapshot.bufferedCalls(),
                snapshot.failedCalls(),
                snapshot.slowCalls(),
                snapshot.notPermittedCalls(),
                Thresholds.of(snapshot.config()));
    }

    /**
     * The settings that decide a breaker's transitions.
     *
     * @param failureDetection how failures are detected
     * @param failureThreshold failures in a row that open the breaker (consecutive detection)
     * @param slidingWindowSize calls or seconds in the window
     * @param minimumNumberOfCalls calls needed before a rate is computed
     * @param failureRateThreshold failure rate in percent that opens the breaker
     * @param slowCallRateThreshold slow-call rate in percent that opens the breaker
     * @param slowCallDurationThreshold duration above which a call is slow, ISO-8601
     * @param waitDuration wait in the open state, ISO-8601
     * @param permittedCallsInHalfOpenState probe calls in the half-open state
     */
    public record Thresholds(
            String failureDetection,
            int failureThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            float failureRateThreshold,
            float slowCallRateThreshold,
            String slowCallDurationThreshold,
            String waitDuration,
            int permittedCallsInHalfOpenState) {

        static Thresholds of(BreakerConfig config) {
            return new Thresholds(
                    config.failureDetection().name(),
                    config.failureThreshold(),
                    config.slidingWindowSize(),
                    config.minimumNumberOfCalls(),
                    config.failureRateThreshold(),
                    config.slowCallRateThreshold(),
                    config.slowCallDurationThreshold().toString(),
                    config.waitDurationInOpenState().toString(),
                    config.permittedCallsInHalfOpenState());
        }
    }
}
