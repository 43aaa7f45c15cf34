package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcomes of the calls of the last N seconds, without a lock.
 *
 * <p>Calls are counted in one bucket per second, kept in a ring of N buckets; a bucket from an
 * older lap of the ring is replaced by compare-and-set when its slot is needed again. Deciding
 * needs the totals of the whole window, so the sums of the N - 1 completed seconds are computed
 * once per second and cached: a call adds its outcome to its own second's bucket and reads that
 * bucket plus the cache. An outcome recorded late into a second that the cache already summed
 * counts from the next second on.
 */
final class TimeWindow implements OutcomeWindow {

    private static final long SECOND = 1_000_000_000L;

    private final BreakerConfig config;
    private final int size;
    private final long origin;
    private final AtomicReferenceArray<Second> ring;
    private final AtomicReference<Completed> completed;

    TimeWindow(BreakerConfig config, long origin) {
        this.config = config;
        this.size = config.slidingWindowSize();
        this.origin = origin;
        this.ring = new AtomicReferenceArray<>(size);
        this.completed = new AtomicReference<>(new Completed(Long.MIN_VALUE, 0, 0, 0));
    }

    @Override
    public String record(boolean failure, boolean slow, long now) {
        long second = (now - origin) / SECOND;
        Second bucket = bucket(second);
        long calls = bucket.calls.incrementAndGet();
        long failed = failure ? bucket.failed.incrementAndGet() : bucket.failed.get();
        long slowCalls = slow ? bucket.slow.incrementAndGet() : bucket.slow.get();
        Completed older = completed(second);
        return OutcomeWindow.verdict(config, calls + older.calls, failed + older.failed, slowCalls + older.slow);
    }

    @Override
    public Totals totals(long now) {
        long second = (now - origin) / SECOND;
        Completed older = sum(second);
        Second current = ring.get((int) (second % size));
        if (current != null && current.second == second) {
            return new Totals(
                    (int) Math.min(older.calls + current.calls.get(), Integer.MAX_VALUE),
                    (int) Math.min(older.failed + current.failed.get(), Integer.MAX_VALUE),
                    (int) Math.min(older.slow + current.slow.get(), Integer.MAX_VALUE));
        }
        return new Totals(
                (int) Math.min(older.calls, Integer.MAX_VALUE), (int) Math.min(older.failed, Integer.MAX_VALUE), (int)
                        Math.min(older.slow, Integer.MAX_VALUE));
    }

    private Second bucket(long second) {
        int slot = (int) (second % size);
        while (true) {
            Second bucket = ring.get(slot);
            if (bucket != null && bucket.second >= second) {
                return bucket;
            }
            Second fresh = new Second(second);
            if (ring.compareAndSet(slot, bucket, fresh)) {
                return fresh;
            }
        }
    }

    private Completed completed(long second) {
        Completed cached = completed.get();
        if (cached.second == second) {
            return cached;
        }
        Completed fresh = sum(second);
        completed.set(fresh);
        return fresh;
    }

    /** The totals of the completed seconds of the window that ends with {@code second}. */
    private Completed sum(long second) {
        long calls = 0;
        long failed = 0;
        long slow = 0;
        for (long s = second - size + 1; s < second; s++) {
            if (s < 0) {
                continue;
            }
            Second bucket = ring.get((int) (s % size));
            if (bucket != null && bucket.second == s) {
                calls += bucket.calls.get();
                failed += bucket.failed.get();
                slow += bucket.slow.get();
            }
        }
        return new Completed(second, calls, failed, slow);
    }

    /** One second's counts. */
    private static final class Second {
        final long second;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong slow = new AtomicLong();

        Second(long second) {
            this.second = second;
        }
    }

    /** The sums of the completed seconds of the window ending with {@code second}. */
    private record Completed(long second, long calls, long failed, long slow) {}
}
