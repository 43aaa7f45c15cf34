package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The outcomes of the last N calls, without a lock, in two bits per call.
 *
 * <p>A call takes the next position of a ring with one atomic increment of the cursor. Its slot
 * holds two bits (failed, slow); whether a slot counts as a call follows from the cursor alone,
 * since the first {@code size} positions fill the ring and every later one replaces a call. A
 * call swaps its bits into the slot with a compare-and-set on the slot's word and adds the
 * difference between its outcome and the one it replaced to the running totals with one atomic
 * add. The three totals (calls, failed, slow) share one {@code long}, 21 bits each, so that every
 * reader sees the three of them from the same instant; each field is biased by {@code 2^20} so
 * that a total briefly below zero (a slot overwritten before its first writer added it) never
 * borrows from its neighbour.
 *
 * <p>Invariant: once every call in flight has added its difference, the totals equal the contents
 * of the ring exactly, because each slot's successive swaps telescope to its final contents. A
 * success (both bits clear) that finds its slot already clear in a full ring would swap a value
 * for itself and add zero, so it only reads the word: one atomic increment in all, the common
 * case of a healthy closed breaker. It changes no total, so the verdict is the one the last
 * change already acted on.
 */
final class CountWindow implements OutcomeWindow {

    /** The largest window the packed totals can hold. */
    static final int MAX_SIZE = BreakerConfig.MAX_COUNT_WINDOW;

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CURSOR;
    private static final VarHandle TOTALS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURSOR = lookup.findVarHandle(CountWindow.class, "cursor", long.class);
            TOTALS = lookup.findVarHandle(CountWindow.class, "totals", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;
    private static final long BIAS = 1L << 20;
    private static final long INITIAL = BIAS | BIAS << BITS | BIAS << 2 * BITS;
    private static final long FAILED = 1;
    private static final long SLOW = 2;
    private static final long SLOT_MASK = 3;
    private static final int SLOTS_PER_WORD_LOG2 = 5;

    private final BreakerConfig config;
    private final int size;
    /** Two bits per slot, 32 slots per word. */
    private final long[] words;
    /** Positions taken so far; position {@code p} is slot {@code p % size}. */
    private volatile long cursor;

    private volatile long totals = INITIAL;

    CountWindow(BreakerConfig config) {
        this.config = config;
        this.size = config.slidingWindowSize();
        this.words = new long[(size + (1 << SLOTS_PER_WORD_LOG2) - 1) >>> SLOTS_PER_WORD_LOG2];
    }

    @Override
    public String record(boolean failure, boolean slow, long now) {
        long outcome = (failure ? FAILED : 0) | (slow ? SLOW : 0);
        long position = (long) CURSOR.getAndAdd(this, 1L);
        boolean filling = position < size;
        int slot = (int) (position % size);
        int word = slot >>> SLOTS_PER_WORD_LOG2;
        int shift = (slot & ((1 << SLOTS_PER_WORD_LOG2) - 1)) << 1;
        if (outcome == 0 && !filling && ((long) WORDS.getVolatile(words, word) >>> shift & SLOT_MASK) == 0) {
            return null;
        }
        long replaced = swap(word, shift, outcome);
        long delta = (filling ? 1 : 0) + weight(outcome) - weight(replaced);
        long packed = (long) TOTALS.getAndAdd(this, delta) + delta;
        return OutcomeWindow.verdict(config, field(packed, 0), field(packed, 1), field(packed, 2));
    }

    @Override
    public Totals totals(long now) {
        long packed = totals;
        return new Totals((int) Math.max(field(packed, 0), 0), (int) Math.max(field(packed, 1), 0), (int)
                Math.max(field(packed, 2), 0));
    }

    /** Puts {@code outcome} in the slot at {@code shift} of word {@code word}; returns the old one. */
    private long swap(int word, int shift, long outcome) {
        while (true) {
            long current = (long) WORDS.getVolatile(words, word);
            long next = (current & ~(SLOT_MASK << shift)) | outcome << shift;
            // Other slots of the word may change meanwhile; the compare-and-set keeps their bits.
            if (WORDS.compareAndSet(words, word, current, next)) {
                return current >>> shift & SLOT_MASK;
            }
        }
    }

    private static long weight(long outcome) {
        return (outcome & FAILED) << BITS | (outcome & SLOW) >> 1 << 2 * BITS;
    }

    private static long field(long packed, int index) {
        return ((packed >>> (index * BITS)) & MASK) - BIAS;
    }
}
