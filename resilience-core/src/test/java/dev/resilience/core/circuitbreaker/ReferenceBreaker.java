package dev.resilience.core.circuitbreaker;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The simplest breaker that could work: single-threaded, no atomics, the window a plain list.
 * The model-based test checks the real breaker against it step by step.
 */
final class ReferenceBreaker {

    private final BreakerConfig config;
    private final Deque<boolean[]> window = new ArrayDeque<>();
    BreakerState state = BreakerState.CLOSED;
    private boolean windowShown = true;
    private long enteredAt;
    private int reopenings;
    private int phase;
    private int consecutive;
    private int probes;
    private int succeeded;
    long notPermitted;

    ReferenceBreaker(BreakerConfig config, long now) {
        this.config = config;
        this.enteredAt = now;
    }

    /** Returns the phase that admitted the call, or -1 when rejected. */
    int acquire(long now) {
        if (state == BreakerState.OPEN && now - enteredAt >= openWait()) {
            enter(BreakerState.HALF_OPEN, now);
        }
        switch (state) {
            case CLOSED, DISABLED -> {
                return phase;
            }
            case HALF_OPEN -> {
                long maxWait = config.maxWaitDurationInHalfOpenState().toNanos();
                if (maxWait > 0 && now - enteredAt >= maxWait) {
                    enter(BreakerState.OPEN, now);
                } else if (probes < config.permittedCallsInHalfOpenState()) {
                    probes++;
                    return phase;
                }
            }
            default -> {}
        }
        notPermitted++;
        return -1;
    }

    void release(int admittedBy) {
        if (admittedBy == phase && state == BreakerState.HALF_OPEN) {
            probes--;
        }
    }

    void complete(int admittedBy, Throwable error, long start, long now) {
        if (error != null && config.ignoreFailure().test(error)) {
            release(admittedBy);
            return;
        }
        if (admittedBy != phase || state == BreakerState.DISABLED) {
            return;
        }
        boolean failure = error != null && config.recordFailure().test(error);
        boolean slow = config.detectsSlowCalls()
                && now - start > config.slowCallDurationThreshold().toNanos();
        if (state == BreakerState.CLOSED) {
            if (opens(failure, slow)) {
                enter(BreakerState.OPEN, now);
            }
        } else if (state == BreakerState.HALF_OPEN) {
            long maxWait = config.maxWaitDurationInHalfOpenState().toNanos();
            if (maxWait > 0 && now - enteredAt >= maxWait) {
                enter(BreakerState.OPEN, now);
            } else if (failure || slow) {
                enter(BreakerState.OPEN, now);
            } else if (++succeeded >= config.permittedCallsInHalfOpenState()) {
                enter(BreakerState.CLOSED, now);
            }
        }
    }

    void transitionTo(BreakerState target, long now) {
        enter(target, now);
    }

    int bufferedCalls() {
        if (!windowShown) {
            return 0;
        }
        return config.failureDetection() == FailureDetection.CONSECUTIVE ? consecutive : window.size();
    }

    int failedCalls() {
        if (!windowShown) {
            return 0;
        }
        if (config.failureDetection() == FailureDetection.CONSECUTIVE) {
            return consecutive;
        }
        return (int) window.stream().filter(o -> o[0]).count();
    }

    int slowCalls() {
        if (!windowShown || config.failureDetection() == FailureDetection.CONSECUTIVE) {
            return 0;
        }
        return (int) window.stream().filter(o -> o[1]).count();
    }

    private boolean opens(boolean failure, boolean slow) {
        if (config.failureDetection() == FailureDetection.CONSECUTIVE) {
            consecutive = failure ? consecutive + 1 : 0;
            return consecutive >= config.failureThreshold();
        }
        window.addLast(new boolean[] {failure, slow});
        if (window.size() > config.slidingWindowSize()) {
            window.removeFirst();
        }
        int calls = window.size();
        if (calls < config.minimumNumberOfCalls()) {
            return false;
        }
        return failedCalls() * 100f / calls >= config.failureRateThreshold()
                || (config.detectsSlowCalls() && slowCalls() * 100f / calls >= config.slowCallRateThreshold());
    }

    private long openWait() {
        double wait =
                config.waitDurationInOpenState().toNanos() * Math.pow(config.waitDurationMultiplier(), reopenings);
        return (long) Math.min(wait, config.maxWaitDurationInOpenState().toNanos());
    }

    private void enter(BreakerState next, long now) {
        if (next == BreakerState.OPEN) {
            reopenings =
                    state == BreakerState.HALF_OPEN ? reopenings + 1 : state == BreakerState.CLOSED ? 0 : reopenings;
            windowShown = state == BreakerState.CLOSED;
        } else {
            reopenings = next == BreakerState.HALF_OPEN ? reopenings : 0;
            windowShown = next == BreakerState.CLOSED;
        }
        if (next == BreakerState.CLOSED) {
            window.clear();
            consecutive = 0;
        }
        state = next;
        enteredAt = now;
        phase++;
        probes = 0;
        succeeded = 0;
    }
}
