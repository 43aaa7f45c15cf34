package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;

/** The outcomes a closed breaker records, and the rule that decides when it must open. */
interface OutcomeWindow {

    /**
     * Records one outcome at {@code now} (breaker nanos) and returns why the breaker must open,
     * or {@code null} to stay closed. Lock-free; safe from any number of threads.
     */
    String record(boolean failure, boolean slow, long now);

    /** The window's numbers at {@code now}. */
    Totals totals(long now);

    /** Calls, failed calls and slow calls currently in a window. */
    record Totals(int calls, int failed, int slow) {

        /** The failure rate in percent, or -1 before the minimum number of calls. */
        float failureRate(BreakerConfig config) {
            return calls > 0 && calls >= config.minimumNumberOfCalls() ? failed * 100f / calls : -1f;
        }

        /** The slow-call rate in percent, or -1 before the minimum number of calls. */
        float slowCallRate(BreakerConfig config) {
            return calls > 0 && calls >= config.minimumNumberOfCalls() ? slow * 100f / calls : -1f;
        }
    }

    /** The rate rule shared by both sliding windows: why to open, or {@code null}. */
    static String verdict(BreakerConfig config, long calls, long failed, long slow) {
        if (calls < config.minimumNumberOfCalls() || calls == 0) {
            return null;
        }
        if (failed * 100f / calls >= config.failureRateThreshold()) {
            return "failure rate " + (failed * 100f / calls) + "% >= " + config.failureRateThreshold() + "% over "
                    + calls + " calls";
        }
        if (config.detectsSlowCalls() && slow * 100f / calls >= config.slowCallRateThreshold()) {
            return "slow-call rate " + (slow * 100f / calls) + "% >= " + config.slowCallRateThreshold() + "% over "
                    + calls + " calls";
        }
        return null;
    }

    /** A window for the given settings. */
    static OutcomeWindow create(BreakerConfig config, long origin) {
        return switch (config.failureDetection()) {
            case CONSECUTIVE -> new ConsecutiveFailures(config);
            case COUNT_WINDOW -> new CountWindow(config);
            case TIME_WINDOW -> new TimeWindow(config, origin);
        };
    }
}
