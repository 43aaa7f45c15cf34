package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimiter;

/**
 * The state of one limit for one key, able to be retired from a keyed store without losing an
 * acquisition that races with the eviction.
 *
 * <p>Retiring is a compare-and-set of the state to a sentinel, allowed only while the bucket is
 * idle. Every operation that would change the state fails on a retired bucket, so a thread that
 * fetched the bucket from the map just before it was evicted sees the failure, and goes back to
 * the map for a fresh bucket: no permit is ever charged to a bucket nobody will read again.
 *
 * <p>Public only so that the public methods of its subclasses are reachable reflectively; it is
 * not an API and cannot be extended outside this package.
 */
public abstract class Bucket implements RateLimiter {

    Bucket() {}

    /**
     * Like {@link #tryAcquire}, but returns {@code null} when the bucket has been retired.
     *
     * @param permits at least 1 (checked by the caller)
     */
    abstract Decision acquire(long permits);

    /** {@link #acquireNow} took the permits. */
    static final int GRANTED = 1;

    /** {@link #acquireNow} refused the permits. */
    static final int REFUSED = 0;

    /** {@link #acquireNow} found the bucket retired and changed nothing. */
    static final int RETIRED_BUCKET = -1;

    /**
     * Like {@link #tryAcquireNow}, answering {@link #GRANTED}, {@link #REFUSED} or {@link
     * #RETIRED_BUCKET}.
     *
     * @param permits at least 1 (checked by the caller)
     */
    abstract int acquireNow(long permits);

    /** Like {@link #adjust}, but returns {@code false} (changing nothing) when retired. */
    abstract boolean adjustLive(long delta);

    /** Retires the bucket if it is idle now; returns whether it did. */
    abstract boolean retireIfIdle();

    /** Nanoseconds until the bucket will be idle if nothing else happens; 0 when idle now. */
    abstract long nanosUntilIdle();

    @Override
    public final Decision tryAcquire(long permits) {
        checkPermits(permits);
        Decision decision = acquire(permits);
        if (decision == null) {
            throw new IllegalStateException("This limiter was retired from its keyed store");
        }
        return decision;
    }

    @Override
    public final boolean tryAcquireNow(long permits) {
        checkPermits(permits);
        int outcome = acquireNow(permits);
        if (outcome == RETIRED_BUCKET) {
            throw new IllegalStateException("This limiter was retired from its keyed store");
        }
        return outcome == GRANTED;
    }

    @Override
    public final void adjust(long delta) {
        if (!adjustLive(delta)) {
            throw new IllegalStateException("This limiter was retired from its keyed store");
        }
    }

    static void checkPermits(long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
        }
    }
}
