package dev.resilience.core.circuitbreaker;

/** How a closed circuit breaker decides that its protected call is failing. */
public enum FailureDetection {
    /**
     * Opens after a number of failures in a row; any success resets the count. Slow calls play no
     * part; failure and slow-call rates are reported as not computed.
     */
    CONSECUTIVE,
    /** Opens on the failure or slow-call rate over the last N calls. */
    COUNT_WINDOW,
    /** Opens on the failure or slow-call rate over the calls of the last N seconds. */
    TIME_WINDOW
}
