package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free token bucket, implemented as the generic cell rate algorithm (GCRA).
 *
 * <p>The whole state is one {@code long}, the theoretical arrival time: the instant at which the
 * bucket will be full again. Taking {@code n} permits pushes it {@code n} refill intervals into
 * the future; the request is allowed while it stays within one full bucket ({@code tau}) of now.
 * There is no refill thread and no lock: a granted decision reads the clock once and publishes the
 * new state with one compare-and-set, retried only when another thread won the race; a rejection
 * writes nothing.
 *
 * <p>With a maximum wait configured, a request that does not fit may reserve permits that are
 * still refilling: it is granted with {@link Decision#waitNanos()} set to the time until they are
 * refilled, as long as that is within the maximum wait.
 *
 * <p>Invariant: in any interval of length {@code L}, the permits granted without wait never exceed
 * {@code capacity + rate x L}; permits granted with a wait may be used only after it, and counted
 * at that time they keep the same bound.
 */
public final class TokenBucket extends Bucket {

    private static final VarHandle FULL_AT;
    private static final long RETIRED = -1;

    static {
        try {
            FULL_AT = MethodHandles.lookup().findVarHandle(TokenBucket.class, "fullAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GcraShape shape;

    /**
     * Nanoseconds since the shape's origin at which the bucket is full again; at or before now:
     * full; {@link #RETIRED} once evicted from a keyed store.
     */
    private volatile long fullAt;

    TokenBucket(GcraShape shape) {
        this.shape = shape;
    }

    /** Creates a full bucket. */
    public static TokenBucket create(RateLimitConfig config, TimeSource time) {
        return new TokenBucket(new GcraShape(config, time));
    }

    @Override
    Decision acquire(long permits) {
        GcraShape s = shape;
        if (permits > s.capacity) {
            return impossible(permits);
        }
        long cost = s.cost(permits);
        long now = s.now();
        while (true) {
            long current = fullAt;
            if (current < 0) {
                return null;
            }
            long base = Math.max(current, now);
            long backlog = base - now + cost;
            long overflow = backlog - s.tau;
            if (overflow > s.maxWait) {
                long before = base - now;
                return Decision.reject(permits, s.remaining(before), s.capacity, overflow - s.maxWait, before);
            }
            // Only a thread that saw the same state may publish the next one, so no permit is
            // granted twice; a loser re-reads the state and decides again.
            if (FULL_AT.compareAndSet(this, current, base + cost)) {
                long wait = Math.max(overflow, 0);
                return new Decision(true, permits, s.remaining(backlog), s.capacity, 0, backlog, wait);
            }
        }
    }

    @Override
    int acquireNow(long permits) {
        GcraShape s = shape;
        if (permits > s.capacity) {
            return fullAt < 0 ? RETIRED_BUCKET : REFUSED;
        }
        long cost = s.cost(permits);
        long now = s.now();
        while (true) {
            long current = fullAt;
            if (current < 0) {
                return RETIRED_BUCKET;
            }
            long base = Math.max(current, now);
            // Without a wait the backlog, this request included, must fit within one bucket.
            if (base - now + cost > s.tau) {
                return REFUSED;
            }
            if (FULL_AT.compareAndSet(this, current, base + cost)) {
                return GRANTED;
            }
        }
    }

    private Decision impossible(long permits) {
        long backlog = Math.max(fullAt - shape.now(), 0);
        return Decision.reject(permits, shape.remaining(backlog), shape.capacity, Long.MAX_VALUE, backlog);
    }

    @Override
    boolean adjustLive(long delta) {
        if (delta == 0) {
            return fullAt >= 0;
        }
        GcraShape s = shape;
        long shift = s.rate.nanosFor(Math.abs(delta));
        long now = s.now();
        while (true) {
            long current = fullAt;
            if (current < 0) {
                return false;
            }
            long backlog = Math.max(current - now, 0);
            // A debt may exceed one bucket; it is capped at the horizon so the state cannot
            // overflow. A refund never fills the bucket beyond its capacity.
            long next = delta > 0
                    ? now + Math.min(backlog + shift, RefillRate.HORIZON)
                    : now + Math.max(backlog - shift, 0);
            if (FULL_AT.compareAndSet(this, current, next)) {
                return true;
            }
        }
    }

    @Override
    public Decision peek() {
        GcraShape s = shape;
        long backlog = Math.max(fullAt - s.now(), 0);
        long overflow = backlog + s.interval - s.tau;
        if (overflow > s.maxWait) {
            return Decision.reject(1, s.remaining(backlog), s.capacity, overflow - s.maxWait, backlog);
        }
        return new Decision(true, 1, s.remaining(backlog), s.capacity, 0, backlog, Math.max(overflow, 0));
    }

    @Override
    public boolean isIdle() {
        return fullAt - shape.now() <= 0;
    }

    @Override
    boolean retireIfIdle() {
        long current = fullAt;
        return current >= 0 && current <= shape.now() && FULL_AT.compareAndSet(this, current, RETIRED);
    }

    @Override
    long nanosUntilIdle() {
        return Math.max(fullAt - shape.now(), 0);
    }

    @Override
    public RateLimitConfig config() {
        return shape.config;
    }
}
