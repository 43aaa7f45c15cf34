package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.util.List;

/**
 * Sliding window in Redis: a weighted two-window counter, windows of one refill period aligned
 * on Redis time. The permits in use are the current window's count plus the previous window's
 * count weighted by the part of it the sliding window still covers. A debt lasts at most until
 * the end of the next window.
 */
final class SlidingWindowScript extends WindowScript {

    SlidingWindowScript(RateLimitConfig config) {
        super(config);
    }

    @Override
    LuaScript script() {
        return LuaScript.SLIDING_WINDOW;
    }

    @Override
    String keySuffix() {
        return "sw";
    }

    @Override
    Decision decide(Op op, long permits, List<Object> reply) {
        long previous = at(reply, 1);
        long before = at(reply, 2);
        long left = at(reply, 4);
        long after = op == Op.PEEK ? before + 1 : at(reply, 3);
        boolean allowed = op == Op.PEEK ? used(previous, after, left) <= capacity : at(reply, 0) == 1;
        if (!allowed) {
            long retryAfter = retryAfter(previous, before, permits, left);
            return Decision.reject(
                    permits,
                    remaining(previous, before, left),
                    capacity,
                    retryAfter,
                    resetAfter(previous, before, left));
        }
        long counted = op == Op.PEEK ? before : after;
        return Decision.allow(
                permits, remaining(previous, counted, left), capacity, resetAfter(previous, counted, left));
    }

    private double used(long previous, long current, long left) {
        return (double) previous * left / period + current;
    }

    private long remaining(long previous, long current, long left) {
        return Math.max((long) Math.floor(capacity - used(previous, current, left)), 0);
    }

    /** How long until {@code permits} more fit, as the previous windows' weight slides out. */
    private long retryAfter(long previous, long current, long permits, long left) {
        if (current + permits <= capacity) {
            // Fits in this window once enough of the previous window has slid out.
            double slide = left - (double) (capacity - current - permits) * period / previous;
            return Math.max((long) Math.ceil(slide), 1);
        }
        // Fits only in the next window, where this window's count becomes the weighted one.
        double slide = current > 0 ? period - (double) (capacity - permits) * period / current : 0;
        return saturatedAdd(left, Math.max((long) Math.ceil(slide), 0));
    }

    private long resetAfter(long previous, long current, long left) {
        if (current > 0) {
            return saturatedAdd(left, period);
        }
        return previous > 0 ? left : 0;
    }
}
