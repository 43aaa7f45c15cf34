package dev.resilience.core.circuitbreaker;

/**
 * Receives a breaker's events as they happen, on the thread that caused them.
 *
 * <p>Listeners must be fast and must not throw; an exception from a listener is caught and
 * dropped so that it can never change the outcome of the guarded call.
 */
@FunctionalInterface
public interface BreakerListener {

    /** Called once per event. */
    void onEvent(BreakerEvent event);
}
