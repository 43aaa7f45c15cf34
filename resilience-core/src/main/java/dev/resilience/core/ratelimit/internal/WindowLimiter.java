package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock-free machinery the fixed and sliding window counters share: an immutable {@link
 * State} (window index, previous count, current count) replaced by one compare-and-set, around
 * pure functions that the two algorithms define.
 *
 * <p>A count above the capacity (a debt charged by {@link #adjust}) carries into the next windows,
 * one capacity per window, so that debt delays later calls as it does in the buckets. A refund
 * lowers the current window's count only, never below zero.
 *
 * <p>Window algorithms never ask a caller to wait: the configured maximum wait does not apply to
 * them, and a request that does not fit is rejected with the exact time until it would fit.
 *
 * <p>Public only so that the public methods of its subclasses are reachable reflectively; it is
 * not an API and cannot be extended outside this package.
 */
public abstract class WindowLimiter extends Bucket {

    private static final VarHandle STATE;
    private static final State EMPTY = new State(0, 0, 0);
    private static final State RETIRED = new State(-1, 0, 0);
    private static final long MAX_COUNT = Long.MAX_VALUE / 2;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WindowLimiter.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WindowShape shape;

    private volatile State state = EMPTY;

    WindowLimiter(WindowShape shape) {
        this.shape = shape;
    }

    /** Permits counted against the limit now, {@code elapsed} nanos into the current window. */
    abstract long used(long previous, long current, long elapsed);

    /** Nanoseconds until a request for {@code permits} that does not fit now would fit. */
    abstract long retryAfter(long previous, long current, long elapsed, long permits);

    /** Nanoseconds until nothing is counted against the limit any more. */
    abstract long resetAfter(long previous, long current, long elapsed);

    @Override
    final Decision acquire(long permits) {
        WindowShape s = shape;
        long now = s.now();
        long index = now / s.window;
        long elapsed = now - index * s.window;
        while (true) {
            State current = state;
            if (current == RETIRED) {
                return null;
            }
            long previous = previous(current, index);
            long count = current(current, index);
            long used = used(previous, count, elapsed);
            long reset = resetAfter(previous, count, elapsed);
            if (permits > s.capacity) {
                return Decision.reject(permits, remaining(used), s.capacity, Long.MAX_VALUE, reset);
            }
            if (used + permits > s.capacity) {
                long retryAfter = retryAfter(previous, count, elapsed, permits);
                return Decision.reject(permits, remaining(used), s.capacity, retryAfter, reset);
            }
            State next = new State(index, previous, count + permits);
            if (STATE.compareAndSet(this, current, next)) {
                long after = resetAfter(previous, count + permits, elapsed);
                return Decision.allow(permits, remaining(used + permits), s.capacity, after);
            }
        }
    }

    @Override
    final int acquireNow(long permits) {
        // A window never makes a caller wait, so every grant is a grant without a wait.
        Decision decision = acquire(permits);
        if (decision == null) {
            return RETIRED_BUCKET;
        }
        return decision.allowed() ? GRANTED : REFUSED;
    }

    @Override
    final boolean adjustLive(long delta) {
        long now = shape.now();
        long index = now / shape.window;
        while (true) {
            State current = state;
            if (current == RETIRED) {
                return false;
            }
            long count = current(current, index);
            long adjusted = delta >= 0
                    ? Math.min(Arithmetic.saturatedAdd(count, delta), MAX_COUNT)
                    : Math.max(count + delta, 0);
            State next = new State(index, previous(current, index), adjusted);
            if (STATE.compareAndSet(this, current, next)) {
                return true;
            }
        }
    }

    @Override
    public final Decision peek() {
        long now = shape.now();
        long index = now / shape.window;
        long elapsed = now - index * shape.window;
        State current = state;
        long previous = current == RETIRED ? 0 : previous(current, index);
        long count = current == RETIRED ? 0 : current(current, index);
        long used = used(previous, count, elapsed);
        long reset = resetAfter(previous, count, elapsed);
        if (used + 1 > shape.capacity) {
            long retryAfter = retryAfter(previous, count, elapsed, 1);
            return Decision.reject(1, 0, shape.capacity, retryAfter, reset);
        }
        return Decision.allow(1, remaining(used), shape.capacity, reset);
    }

    @Override
    public final boolean isIdle() {
        return nanosUntilIdle() == 0;
    }

    @Override
    final boolean retireIfIdle() {
        State current = state;
        return current != RETIRED && idleAt(current) && STATE.compareAndSet(this, current, RETIRED);
    }

    @Override
    final long nanosUntilIdle() {
        long now = shape.now();
        long index = now / shape.window;
        State current = state;
        if (current == RETIRED) {
            return 0;
        }
        return resetAfter(previous(current, index), current(current, index), now - index * shape.window);
    }

    @Override
    public final RateLimitConfig config() {
        return shape.config;
    }

    private boolean idleAt(State current) {
        long now = shape.now();
        long index = now / shape.window;
        return resetAfter(previous(current, index), current(current, index), now - index * shape.window) == 0;
    }

    private long remaining(long used) {
        return Math.max(shape.capacity - used, 0);
    }

    /** The count of the window before {@code index}, as seen from window {@code index}. */
    private long previous(State state, long index) {
        long windows = index - state.index;
        if (windows == 0) {
            return state.previous;
        }
        return Math.min(shape.capacity, shape.debtLeft(state.current, windows - 1));
    }

    /** The count of window {@code index}: the state's own count, or the debt carried into it. */
    private long current(State state, long index) {
        return shape.debtLeft(state.current, index - state.index);
    }

    /** One window's numbers; immutable, replaced as a whole. */
    private record State(long index, long previous, long current) {}
}
