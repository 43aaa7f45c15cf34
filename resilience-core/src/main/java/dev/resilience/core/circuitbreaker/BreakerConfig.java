package dev.resilience.core.circuitbreaker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Settings of one circuit breaker. Build with {@link #builder()}; every value is checked by
 * {@link Builder#build()}, which names the first invalid setting, its value and the allowed
 * range.
 *
 * @param failureDetection how failures are detected in the closed state
 * @param failureThreshold failures in a row that open the breaker ({@code CONSECUTIVE} only)
 * @param slidingWindowSize calls ({@code COUNT_WINDOW}) or seconds ({@code TIME_WINDOW}) in the
 *     window
 * @param minimumNumberOfCalls calls the window must hold before a rate is computed
 * @param failureRateThreshold failure rate, in percent, at or above which the breaker opens
 * @param slowCallRateThreshold slow-call rate, in percent, at or above which the breaker opens
 * @param slowCallDurationThreshold calls slower than this are slow; zero turns detection off
 * @param waitDurationInOpenState how long the breaker stays open before letting probes through
 * @param waitDurationMultiplier factor applied to the open wait at each re-open without a close
 *     in between; 1 keeps it constant
 * @param maxWaitDurationInOpenState cap on the growing open wait
 * @param permittedCallsInHalfOpenState probe calls let through in the half-open state
 * @param maxWaitDurationInHalfOpenState how long the half-open state may last before the breaker
 *     re-opens (a hung probe); zero waits for the probes however long they take
 * @param recordFailure which exceptions count as failures
 * @param ignoreFailure which exceptions count as nothing; wins over {@code recordFailure}
 * @param eventBufferSize how many recent events are kept for inspection (transitions, and the first
 *     rejected call of each stay in a state)
 */
public record BreakerConfig(
        FailureDetection failureDetection,
        int failureThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        float failureRateThreshold,
        float slowCallRateThreshold,
        Duration slowCallDurationThreshold,
        Duration waitDurationInOpenState,
        double waitDurationMultiplier,
        Duration maxWaitDurationInOpenState,
        int permittedCallsInHalfOpenState,
        Duration maxWaitDurationInHalfOpenState,
        Predicate<Throwable> recordFailure,
        Predicate<Throwable> ignoreFailure,
        int eventBufferSize) {

    /** The largest count window, in calls. */
    public static final int MAX_COUNT_WINDOW = 1_000_000;

    /** The largest time window, in seconds (one day). */
    public static final int MAX_TIME_WINDOW_SECONDS = 86_400;

    /** Checks every setting; see {@link Builder#build()}. */
    public BreakerConfig {
        Objects.requireNonNull(failureDetection, "failureDetection must not be null");
        Objects.requireNonNull(recordFailure, "recordFailure must not be null");
        Objects.requireNonNull(ignoreFailure, "ignoreFailure must not be null");
        atLeast("failureThreshold", failureThreshold, 1);
        int maxWindow = failureDetection == FailureDetection.TIME_WINDOW ? MAX_TIME_WINDOW_SECONDS : MAX_COUNT_WINDOW;
        if (slidingWindowSize < 1 || slidingWindowSize > maxWindow) {
            throw new IllegalArgumentException("slidingWindowSize must be between 1 and " + maxWindow + " with "
                    + failureDetection + ", but was " + slidingWindowSize);
        }
        atLeast("minimumNumberOfCalls", minimumNumberOfCalls, 1);
        atLeast("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState, 1);
        atLeast("eventBufferSize", eventBufferSize, 0);
        percent("failureRateThreshold", failureRateThreshold);
        percent("slowCallRateThreshold", slowCallRateThreshold);
        notNegative("slowCallDurationThreshold", slowCallDurationThreshold);
        positive("waitDurationInOpenState", waitDurationInOpenState);
        positive("maxWaitDurationInOpenState", maxWaitDurationInOpenState);
        notNegative("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState);
        if (!(waitDurationMultiplier >= 1.0 && waitDurationMultiplier <= 100.0)) {
            throw new IllegalArgumentException(
                    "waitDurationMultiplier must be between 1.0 and 100.0, but was " + waitDurationMultiplier);
        }
        if (maxWaitDurationInOpenState.compareTo(waitDurationInOpenState) < 0) {
            throw new IllegalArgumentException("maxWaitDurationInOpenState must be at least waitDurationInOpenState ("
                    + waitDurationInOpenState + "), but was " + maxWaitDurationInOpenState);
        }
        if (failureDetection == FailureDetection.COUNT_WINDOW && minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls must be at most slidingWindowSize ("
                    + slidingWindowSize + ") with a count window, but was " + minimumNumberOfCalls);
        }
    }

    /** The defaults: a count window of 100 calls, 20 minimum, 50%, 30 s open, 3 probes. */
    public static BreakerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether slow calls are detected at all. */
    public boolean detectsSlowCalls() {
        return !slowCallDurationThreshold.isZero();
    }

    private static void atLeast(String setting, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(setting + " must be at least " + min + ", but was " + value);
        }
    }

    private static void percent(String setting, float value) {
        if (!(value > 0f && value <= 100f)) {
            throw new IllegalArgumentException(
                    setting + " must be a percentage above 0 and at most 100, but was " + value);
        }
    }

    private static void notNegative(String setting, Duration value) {
        Objects.requireNonNull(value, setting + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative, but was " + value);
        }
    }

    private static void positive(String setting, Duration value) {
        notNegative(setting, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, but was " + value);
        }
    }

    /** Builds a {@link BreakerConfig}; unset values keep their defaults. */
    public static final class Builder {
        private FailureDetection failureDetection = FailureDetection.COUNT_WINDOW;
        private int failureThreshold = 5;
        private int slidingWindowSize = 100;
        private int minimumNumberOfCalls = 20;
        private float failureRateThreshold = 50f;
        private float slowCallRateThreshold = 100f;
        private Duration slowCallDurationThreshold = Duration.ZERO;
        private Duration waitDurationInOpenState = Duration.ofSeconds(30);
        private double waitDurationMultiplier = 1.0;
        private Duration maxWaitDurationInOpenState = null;
        private int permittedCallsInHalfOpenState = 3;
        private Duration maxWaitDurationInHalfOpenState = Duration.ZERO;
        private Predicate<Throwable> recordFailure = e -> true;
        private Predicate<Throwable> ignoreFailure = e -> false;
        private int eventBufferSize = 100;

        private Builder() {}

        private Builder(BreakerConfig c) {
            failureDetection = c.failureDetection;
            failureThreshold = c.failureThreshold;
            slidingWindowSize = c.slidingWindowSize;
            minimumNumberOfCalls = c.minimumNumberOfCalls;
            failureRateThreshold = c.failureRateThreshold;
            slowCallRateThreshold = c.slowCallRateThreshold;
            slowCallDurationThreshold = c.slowCallDurationThreshold;
            waitDurationInOpenState = c.waitDurationInOpenState;
            waitDurationMultiplier = c.waitDurationMultiplier;
            maxWaitDurationInOpenState = c.maxWaitDurationInOpenState;
            permittedCallsInHalfOpenState = c.permittedCallsInHalfOpenState;
            maxWaitDurationInHalfOpenState = c.maxWaitDurationInHalfOpenState;
            recordFailure = c.recordFailure;
            ignoreFailure = c.ignoreFailure;
            eventBufferSize = c.eventBufferSize;
        }

        /** How failures are detected in the closed state; default {@code COUNT_WINDOW}. */
        public Builder failureDetection(FailureDetection value) {
            failureDetection = value;
            return this;
        }

        /** Failures in a row that open the breaker in {@code CONSECUTIVE} mode; default 5. */
        public Builder failureThreshold(int value) {
            failureThreshold = value;
            return this;
        }

        /** Calls or seconds in the sliding window; default 100. */
        public Builder slidingWindowSize(int value) {
            slidingWindowSize = value;
            return this;
        }

        /** Calls needed before a rate is computed; default 20. */
        public Builder minimumNumberOfCalls(int value) {
            minimumNumberOfCalls = value;
            return this;
        }

        /** Failure rate in percent that opens the breaker; default 50. */
        public Builder failureRateThreshold(float value) {
            failureRateThreshold = value;
            return this;
        }

        /** Slow-call rate in percent that opens the breaker; default 100. */
        public Builder slowCallRateThreshold(float value) {
            slowCallRateThreshold = value;
            return this;
        }

        /** Duration above which a call is slow; default zero (off). */
        public Builder slowCallDurationThreshold(Duration value) {
            slowCallDurationThreshold = value;
            return this;
        }

        /** Wait in the open state; default 30 s. */
        public Builder waitDurationInOpenState(Duration value) {
            waitDurationInOpenState = value;
            return this;
        }

        /** Growth factor of the open wait on repeated re-opens; default 1 (constant). */
        public Builder waitDurationMultiplier(double value) {
            waitDurationMultiplier = value;
            return this;
        }

        /** Cap on the growing open wait; default the open wait itself. */
        public Builder maxWaitDurationInOpenState(Duration value) {
            maxWaitDurationInOpenState = value;
            return this;
        }

        /** Probe calls let through when half-open; default 3. */
        public Builder permittedCallsInHalfOpenState(int value) {
            permittedCallsInHalfOpenState = value;
            return this;
        }

        /** Longest stay in half-open before re-opening; default zero (no limit). */
        public Builder maxWaitDurationInHalfOpenState(Duration value) {
            maxWaitDurationInHalfOpenState = value;
            return this;
        }

        /** Which exceptions count as failures; default all. */
        public Builder recordFailure(Predicate<Throwable> value) {
            recordFailure = value;
            return this;
        }

        /** Which exceptions are ignored, winning over {@link #recordFailure}; default none. */
        public Builder ignoreFailure(Predicate<Throwable> value) {
            ignoreFailure = value;
            return this;
        }

        /** How many recent events to keep; default 100. */
        public Builder eventBufferSize(int value) {
            eventBufferSize = value;
            return this;
        }

        /** Checks the settings and builds the configuration. */
        public BreakerConfig build() {
            Duration maxOpen =
                    maxWaitDurationInOpenState != null ? maxWaitDurationInOpenState : waitDurationInOpenState;
            return new BreakerConfig(
                    failureDetection,
                    failureThreshold,
                    slidingWindowSize,
                    minimumNumberOfCalls,
                    failureRateThreshold,
                    slowCallRateThreshold,
                    slowCallDurationThreshold,
                    waitDurationInOpenState,
                    waitDurationMultiplier,
                    maxOpen,
                    permittedCallsInHalfOpenState,
                    maxWaitDurationInHalfOpenState,
                    recordFailure,
                    ignoreFailure,
                    eventBufferSize);
        }
    }
}
