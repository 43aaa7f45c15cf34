package dev.resilience.core.circuitbreaker;

/** The states of a circuit breaker. */
public enum BreakerState {
    /** Calls flow and their outcomes are recorded. */
    CLOSED,
    /** Calls are rejected until the wait in open state has passed. */
    OPEN,
    /** A limited number of probe calls decide whether to close again or re-open. */
    HALF_OPEN,
    /** Calls flow and nothing is recorded; entered only by an explicit transition. */
    DISABLED,
    /** Calls are rejected until another explicit transition; entered only explicitly. */
    FORCED_OPEN;

    /** Whether calls are let through in this state (half-open lets a limited number through). */
    public boolean permitsCalls() {
        return this == CLOSED || this == HALF_OPEN || this == DISABLED;
    }
}
