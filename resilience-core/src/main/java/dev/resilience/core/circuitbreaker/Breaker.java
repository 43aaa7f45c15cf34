package dev.resilience.core.circuitbreaker;

import java.util.List;

/**
 * A circuit breaker: it watches the outcomes of calls to a dependency and, when the dependency
 * fails, rejects calls for a while so that it can recover.
 *
 * <p>A guarded call goes: {@link #tryAcquirePermission()}; if permitted, run the call and report
 * it with {@link #onSuccess}, {@link #onFailure} or {@link #release}. Implementations are
 * thread-safe; in the closed state they take no lock.
 */
public interface Breaker {

    /** The breaker's name, as used in configuration, Actuator and metrics. */
    String name();

    /** The settings this breaker runs with. */
    BreakerConfig config();

    /** Asks whether a call may proceed now; a rejection is also published as an event. */
    Permission tryAcquirePermission();

    /**
     * Reads the time at which a permitted call starts, to hand back with its outcome. Returns 0
     * without reading any clock when this breaker has no use for durations (no slow-call
     * detection and no time window).
     */
    long startTime();

    /** Records a successful call that started at {@code startTime} (see {@link #startTime()}). */
    void onSuccess(Permission permission, long startTime);

    /**
     * Records a call that ended with {@code error}. The configured predicates decide whether it
     * counts as a failure, as a success, or (ignored exceptions, which win over recorded ones) as
     * nothing at all.
     */
    void onFailure(Permission permission, long startTime, Throwable error);

    /** Ends a permitted call that did not run or was cancelled: records nothing, frees its slot. */
    void release(Permission permission);

    /** The current state. */
    BreakerState state();

    /**
     * Moves the breaker to the given state now, for operators: for example {@code FORCED_OPEN}
     * during maintenance, or {@code CLOSED} to reset. The window starts afresh.
     */
    void transitionTo(BreakerState target);

    /** The breaker's numbers right now. */
    BreakerSnapshot snapshot();

    /**
     * The most recent events, oldest first, at most the configured event buffer size. Of the
     * calls rejected during one stay in a state only the first is kept here (listeners hear every
     * one, and {@link BreakerSnapshot#notPermittedCalls()} counts them all).
     */
    List<BreakerEvent> recentEvents();

    /** Adds a listener that receives every later event. */
    void addListener(BreakerListener listener);
}
