package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free leaky bucket used as a queue: permits leave at a constant rate, and a request joins
 * the queue behind the permits already in it.
 *
 * <p>The state is one {@code long}: the instant at which the queue will be empty. A request is
 * granted when the queue ahead of it drains within the configured maximum wait and the queue,
 * itself included, holds at most {@code capacity} permits; the decision's {@link
 * Decision#waitNanos()} tells the caller how long to wait before it proceeds. Otherwise it is
 * rejected and nothing is charged. With no maximum wait (the default) a request is granted only
 * when the queue is empty: the output is spaced exactly at the rate, with no burst.
 *
 * <p>Invariant: in any interval of length {@code L}, at most {@code capacity + rate x L} permits
 * are granted, and, counted at the time their wait ends, at most {@code n + rate x L} proceed,
 * where {@code n} is the largest single request.
 */
public final class LeakyBucket extends Bucket {

    private static final VarHandle EMPTY_AT;
    private static final long RETIRED = -1;

    static {
        try {
            EMPTY_AT = MethodHandles.lookup().findVarHandle(LeakyBucket.class, "emptyAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GcraShape shape;

    /** Nanoseconds since the shape's origin at which the queue is empty; negative once retired. */
    private volatile long emptyAt;

    LeakyBucket(GcraShape shape) {
        this.shape = shape;
    }

    /** Creates an empty bucket. */
    public static LeakyBucket create(RateLimitConfig config, TimeSource time) {
        return new LeakyBucket(new GcraShape(config, time));
    }

    @Override
    Decision acquire(long permits) {
        GcraShape s = shape;
        long now = s.now();
        if (permits > s.capacity) {
            long queued = Math.max(emptyAt - now, 0);
            return Decision.reject(permits, remaining(queued), s.capacity, Long.MAX_VALUE, queued);
        }
        long cost = s.cost(permits);
        while (true) {
            long current = emptyAt;
            if (current < 0) {
                return null;
            }
            long queued = Math.max(current - now, 0);
            long after = queued + cost;
            long retryAfter = Math.max(queued - s.maxWait, after - s.tau);
            if (retryAfter > 0) {
                return Decision.reject(permits, remaining(queued), s.capacity, retryAfter, queued);
            }
            // The compare-and-set orders competing requests in the queue: each winner waits for
            // exactly the permits published before it.
            if (EMPTY_AT.compareAndSet(this, current, now + after)) {
                return new Decision(true, permits, remaining(after), s.capacity, 0, after, queued);
            }
        }
    }

    @Override
    int acquireNow(long permits) {
        GcraShape s = shape;
        long now = s.now();
        while (true) {
            long current = emptyAt;
            if (current < 0) {
                return RETIRED_BUCKET;
            }
            // Without a wait only an empty queue admits a request, and only one that fits in it.
            if (current > now || permits > s.capacity) {
                return REFUSED;
            }
            if (EMPTY_AT.compareAndSet(this, current, now + s.cost(permits))) {
                return GRANTED;
            }
        }
    }

    /** The largest request granted now when the queue holds {@code queued} nanos of permits. */
    private long remaining(long queued) {
        return queued > shape.maxWait ? 0 : shape.remaining(queued);
    }

    @Override
    boolean adjustLive(long delta) {
        GcraShape s = shape;
        long shift = delta == 0 ? 0 : s.rate.nanosFor(Math.abs(delta));
        long now = s.now();
        while (true) {
            long current = emptyAt;
            if (current < 0) {
                return false;
            }
            if (delta == 0) {
                return true;
            }
            long queued = Math.max(current - now, 0);
            long next =
                    delta > 0 ? now + Math.min(queued + shift, RefillRate.HORIZON) : now + Math.max(queued - shift, 0);
            if (EMPTY_AT.compareAndSet(this, current, next)) {
                return true;
            }
        }
    }

    @Override
    public Decision peek() {
        GcraShape s = shape;
        long queued = Math.max(emptyAt - s.now(), 0);
        long retryAfter = Math.max(queued - s.maxWait, queued + s.interval - s.tau);
        if (retryAfter > 0) {
            return Decision.reject(1, remaining(queued), s.capacity, retryAfter, queued);
        }
        return new Decision(true, 1, remaining(queued), s.capacity, 0, queued, queued);
    }

    @Override
    public boolean isIdle() {
        return emptyAt - shape.now() <= 0;
    }

    @Override
    boolean retireIfIdle() {
        long current = emptyAt;
        return current >= 0 && current <= shape.now() && EMPTY_AT.compareAndSet(this, current, RETIRED);
    }

    @Override
    long nanosUntilIdle() {
        return Math.max(emptyAt - shape.now(), 0);
    }

    @Override
    public RateLimitConfig config() {
        return shape.config;
    }
}
