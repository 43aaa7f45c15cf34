package dev.resilience.spring;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerListener;
import dev.resilience.core.circuitbreaker.BreakerSnapshot;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A breaker whose settings can be replaced while the application runs: it delegates to a core
 * breaker and, on {@link #reconfigure}, swaps in a new one built with the new settings in the
 * same state, with every listener carried over.
 *
 * <p>A call admitted by the old breaker may report its outcome after the swap; the new breaker
 * ignores such a permission, as the core ignores calls admitted before a transition. The state
 * is kept, but the new breaker starts it afresh: the window is empty, an open wait starts over
 * with the new wait duration, and the not-permitted count and recent events begin again.
 */
final class ReconfigurableBreaker implements Breaker {

    private final String name;

    private final TimeSource time;

    private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Breaker delegate;

    ReconfigurableBreaker(String name, BreakerConfig config, TimeSource time) {
        this.name = name;
        this.time = time;
        this.delegate = Breakers.create(name, config, time);
    }

    /** Swaps in a breaker running with {@code config} in the current state. */
    synchronized void reconfigure(BreakerConfig config) {
        Breaker replacement = Breakers.create(name, config, time);
        BreakerState state = delegate.state();
        if (state != BreakerState.CLOSED) {
            // Before the listeners are added: keeping the state is not a transition to announce.
            replacement.transitionTo(state);
        }
        listeners.forEach(replacement::addListener);
        delegate = replacement;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BreakerConfig config() {
        return delegate.config();
    }

    @Override
    public Permission tryAcquirePermission() {
        return delegate.tryAcquirePermission();
    }

    @Override
    public long startTime() {
        return delegate.startTime();
    }

    @Override
    public void onSuccess(Permission permission, long startTime) {
        delegate.onSuccess(permission, startTime);
    }

    @Override
    public void onFailure(Permission permission, long startTime, Throwable error) {
        delegate.onFailure(permission, startTime, error);
    }

    @Override
    public void release(Permission permission) {
        delegate.release(permission);
    }

    @Override
    public BreakerState state() {
        return delegate.state();
    }

    @Override
    public void transitionTo(BreakerState target) {
        delegate.transitionTo(target);
    }

    @Override
    public BreakerSnapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public List<BreakerEvent> recentEvents() {
        return delegate.recentEvents();
    }

    @Override
    public synchronized void addListener(BreakerListener listener) {
        listeners.add(listener);
        delegate.addListener(listener);
    }
}
