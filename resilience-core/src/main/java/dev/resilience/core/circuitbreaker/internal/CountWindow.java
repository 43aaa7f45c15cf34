package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the last N calls, without a lock.
 *
 * <p>A call takes the next slot of a ring with one atomic increment, swaps its outcome in, and
 * adds the difference between its outcome and the one it replaced to the running totals with one
 * atomic add. The three totals (calls, failed, slow) share one {@code long}, 21 bits each, so that
 * every reader sees the three of them from the same instant; each field is biased by {@code 2^20}
 * so that a total briefly below zero (a slot overwritten before its first writer added it) never
 * borrows from its neighbour. Once every call in flight has added its difference, the totals equal
 * the contents of the ring exactly.
 */
final class CountWindow implements OutcomeWindow {

    /** The largest window the packed totals can hold. */
    static final int MAX_SIZE = BreakerConfig.MAX_COUNT_WINDOW;

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;
    private static final long BIAS = 1L << 20;
    private static final long INITIAL = BIAS | BIAS << BITS | BIAS << 2 * BITS;
    private static final int PRESENT = 1;
    private static final int FAILED = 2;
    private static final int SLOW = 4;

    private final BreakerConfig config;
    private final int size;
    private final AtomicIntegerArray ring;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicLong totals = new AtomicLong(INITIAL);

    CountWindow(BreakerConfig config) {
        this.config = config;
        this.size = config.slidingWindowSize();
        this.ring = new AtomicIntegerArray(size);
    }

    @Override
    public String record(boolean failure, boolean slow, long now) {
        int outcome = PRESENT | (failure ? FAILED : 0) | (slow ? SLOW : 0);
        int slot = (int) (cursor.getAndIncrement() % size);
        int replaced = ring.getAndSet(slot, outcome);
        long packed = totals.addAndGet(weight(outcome) - weight(replaced));
        return OutcomeWindow.verdict(config, field(packed, 0), field(packed, 1), field(packed, 2));
    }

    @Override
    public Totals totals(long now) {
        long packed = totals.get();
        return new Totals((int) Math.max(field(packed, 0), 0), (int) Math.max(field(packed, 1), 0), (int)
                Math.max(field(packed, 2), 0));
    }

    private static long weight(int outcome) {
        long present = outcome & PRESENT;
        long failed = (outcome & FAILED) >> 1;
        long slow = (outcome & SLOW) >> 2;
        return present | failed << BITS | slow << 2 * BITS;
    }

    private static long field(long packed, int index) {
        return ((packed >>> (index * BITS)) & MASK) - BIAS;
    }
}
