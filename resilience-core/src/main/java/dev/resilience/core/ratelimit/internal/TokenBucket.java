package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import dev.resilience.core.time.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free token bucket, implemented as the generic cell rate algorithm (GCRA).
 *
 * <p>The whole state is one {@code long}, the theoretical arrival time: the instant at which the
 * bucket will be full again. Taking {@code n} permits pushes it {@code n} refill intervals into
 * the future; the request is allowed while it stays within one full bucket ({@code tau}) of now.
 * There is no refill thread and no lock: each decision reads the clock once and publishes the new
 * state with one compare-and-set, retried only when another thread won the race.
 */
public final class TokenBucket implements RateLimiter {

    private static final VarHandle FULL_AT;

    static {
        try {
            FULL_AT = MethodHandles.lookup().findVarHandle(TokenBucket.class, "fullAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Shape shape;

    /** Instant (in time source nanos) at which the bucket is full again; at or before now: full. */
    private volatile long fullAt;

    private TokenBucket(Shape shape) {
        this.shape = shape;
        this.fullAt = shape.time.nanoTime();
    }

    /** Creates a full bucket. */
    public static TokenBucket create(RateLimitConfig config, TimeSource time) {
        return new TokenBucket(new Shape(config, time));
    }

    /** Creates a full bucket sharing the precomputed settings of a keyed limiter. */
    static TokenBucket create(Shape shape) {
        return new TokenBucket(shape);
    }

    @Override
    public Decision tryAcquire(long permits) {
        Shape s = shape;
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
        }
        if (permits > s.capacity) {
            return Decision.reject(permits, 0, s.capacity, Long.MAX_VALUE, 0);
        }
        long cost = permits == 1 ? s.interval : s.rate.nanosFor(permits);
        long now = s.time.nanoTime();
        while (true) {
            long current = fullAt;
            long base = current - now > 0 ? current : now;
            long next = base + cost;
            long backlog = next - now;
            if (backlog > s.tau) {
                long backlogBefore = base - now;
                return Decision.reject(permits, s.remaining(backlogBefore), s.capacity, backlog - s.tau, backlogBefore);
            }
            // Only a thread that saw the same state may publish the next one, so no permit is
            // granted twice; a loser re-reads the state and decides again.
            if (FULL_AT.compareAndSet(this, current, next)) {
                return Decision.allow(permits, s.remaining(backlog), s.capacity, backlog);
            }
        }
    }

    @Override
    public void adjust(long delta) {
        if (delta == 0) {
            return;
        }
        Shape s = shape;
        long shift = s.rate.nanosFor(Math.abs(delta));
        long now = s.time.nanoTime();
        while (true) {
            long current = fullAt;
            long base = current - now > 0 ? current : now;
            long next;
            if (delta > 0) {
                // A debt may exceed one bucket; cap it at the horizon so the state cannot overflow.
                next = now + Math.min(base - now + shift, RefillRate.HORIZON);
            } else {
                // A refund never fills the bucket beyond its capacity.
                next = base - now > shift ? base - shift : now;
            }
            if (FULL_AT.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    @Override
    public Decision peek() {
        Shape s = shape;
        long now = s.time.nanoTime();
        long current = fullAt;
        long backlogBefore = Math.max(current - now, 0);
        long backlog = backlogBefore + s.interval;
        if (backlog > s.tau) {
            return Decision.reject(1, s.remaining(backlogBefore), s.capacity, backlog - s.tau, backlogBefore);
        }
        return Decision.allow(1, s.remaining(backlogBefore), s.capacity, backlogBefore);
    }

    @Override
    public boolean isIdle() {
        return fullAt - shape.time.nanoTime() <= 0;
    }

    @Override
    public RateLimitConfig config() {
        return shape.config;
    }

    /** The settings shared by every bucket of one limit, precomputed once. */
    static final class Shape {
        final RateLimitConfig config;
        final TimeSource time;
        final RefillRate rate;
        final long capacity;
        final long interval;
        final long tau;

        Shape(RateLimitConfig config, TimeSource time) {
            this.config = config;
            this.time = time;
            this.rate = new RefillRate(config);
            this.capacity = config.capacity();
            this.interval = rate.nanosFor(1);
            this.tau = rate.nanosFor(capacity);
        }

        /** Whole permits left when the bucket is {@code backlog} nanos short of full. */
        long remaining(long backlog) {
            long spare = tau - backlog;
            return spare <= 0 ? 0 : Math.min(capacity, rate.permitsIn(spare));
        }
    }
}
