package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.util.List;

/**
 * Fixed window in Redis: {@code capacity} permits per window of one refill period, windows
 * aligned on Redis time. A debt (permits charged beyond the capacity) is paid off by the next
 * windows, one capacity each.
 */
final class FixedWindowScript extends WindowScript {

    FixedWindowScript(RateLimitConfig config) {
        super(config);
    }

    @Override
    LuaScript script() {
        return LuaScript.FIXED_WINDOW;
    }

    @Override
    String keySuffix() {
        return "fw";
    }

    @Override
    Decision decide(Op op, long permits, List<Object> reply) {
        long before = at(reply, 1);
        long left = at(reply, 3);
        long after = op == Op.PEEK ? before + 1 : at(reply, 2);
        boolean allowed = op == Op.PEEK ? after <= capacity : at(reply, 0) == 1;
        if (!allowed) {
            long windows = (after - capacity + capacity - 1) / capacity;
            long retryAfter = saturatedAdd(left, saturatedMultiply(windows - 1, period));
            return Decision.reject(permits, remaining(before), capacity, retryAfter, resetAfter(before, left));
        }
        long counted = op == Op.PEEK ? before : after;
        return Decision.allow(permits, remaining(counted), capacity, resetAfter(counted, left));
    }

    private long remaining(long count) {
        return Math.max(capacity - count, 0);
    }

    /** Time until {@code count} permits (a debt included) have been released by window ends. */
    private long resetAfter(long count, long left) {
        if (count <= 0) {
            return 0;
        }
        long windows = (count + capacity - 1) / capacity;
        return saturatedAdd(left, saturatedMultiply(windows - 1, period));
    }
}
