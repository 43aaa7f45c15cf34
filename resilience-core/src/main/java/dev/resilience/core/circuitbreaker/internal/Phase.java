package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay of a breaker in one state. Its identity tells calls admitted during it from later
 * ones, and it doubles as the {@link Permission} of the calls it admits, so permitting a call
 * allocates nothing. It also holds the one rejection it hands out, for the same reason.
 */
final class Phase implements Permission {

    private static final VarHandle REJECTION_STORED;

    static {
        try {
            REJECTION_STORED = MethodHandles.lookup().findVarHandle(Phase.class, "rejectionStored", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final BreakerState state;
    /** When the phase began, on the breaker's time source. */
    final long enteredAt;
    /** Re-openings since the breaker was last closed; grows the open wait. */
    final int reopenings;
    /** How long an open phase lasts, in nanoseconds. */
    final long openWaitNanos;
    /** The closed window; in an open phase, the window that opened it (frozen). */
    final OutcomeWindow window;
    /** Half-open probes admitted and not released. */
    final AtomicInteger probes = new AtomicInteger();
    /** Half-open probes that succeeded. */
    final AtomicInteger succeeded = new AtomicInteger();
    /** The rejection handed to every call this phase turns away. */
    final Permission rejection;
    /** Whether this phase's one rejection event has been stored. */
    private volatile boolean rejectionStored;

    Phase(
            BreakerState state,
            long enteredAt,
            int reopenings,
            OutcomeWindow window,
            BreakerConfig config,
            TimeSource time) {
        this.state = state;
        this.enteredAt = enteredAt;
        this.reopenings = reopenings;
        this.openWaitNanos = openWait(config, reopenings);
        this.window = window;
        this.rejection = new Rejection(this, time);
    }

    /** The open wait after {@code reopenings} re-openings, capped at the configured maximum. */
    static long openWait(BreakerConfig config, int reopenings) {
        long base = config.waitDurationInOpenState().toNanos();
        long max = config.maxWaitDurationInOpenState().toNanos();
        double grown = base * Math.pow(config.waitDurationMultiplier(), reopenings);
        return grown >= max ? max : (long) grown;
    }

    /** Returns {@code true} to exactly one caller: the one that stores this phase's rejection. */
    boolean claimRejectionEvent() {
        // The plain read keeps every later rejection of the phase free of a compare-and-set.
        return !rejectionStored && REJECTION_STORED.compareAndSet(this, false, true);
    }

    @Override
    public boolean permitted() {
        return true;
    }

    @Override
    public BreakerState state() {
        return state;
    }

    @Override
    public long retryAfterNanos() {
        return 0;
    }

    /** A refusal; in the open state it tells how long until the wait ends, read when asked. */
    private record Rejection(Phase phase, TimeSource time) implements Permission {

        @Override
        public boolean permitted() {
            return false;
        }

        @Override
        public BreakerState state() {
            return phase.state;
        }

        @Override
        public long retryAfterNanos() {
            if (phase.state != BreakerState.OPEN) {
                return 0;
            }
            return Math.max(phase.enteredAt + phase.openWaitNanos - time.nanoTime(), 0);
        }
    }
}
