package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.RateLimitConfig;
import java.math.BigInteger;

/**
 * Converts between permits and the nanoseconds a limit takes to refill them, exactly, so that
 * the scripts only ever add and compare whole nanoseconds.
 *
 * <p>Time to refill rounds up and permits earned round down, both in the limit's favour, as the
 * in-memory buckets do. Durations are capped at {@link #HORIZON} (2<sup>53</sup> ns, about 104
 * days), the largest value a Lua number in Redis holds exactly.
 */
final class NanoRate {

    /** The longest span a script is asked to handle, 2^53 ns. */
    static final long HORIZON = 1L << 53;

    private final long periodNanos;
    private final long permits;

    NanoRate(RateLimitConfig config) {
        this.periodNanos = config.refillPeriod().toNanos();
        this.permits = config.refillPermits();
    }

    /** Nanoseconds needed to refill {@code n} permits, rounded up, at most {@link #HORIZON}. */
    long nanosFor(long n) {
        if (Math.multiplyHigh(n, periodNanos) == 0 && n * periodNanos >= 0) {
            return Math.min(-Math.floorDiv(-(n * periodNanos), permits), HORIZON);
        }
        return BigInteger.valueOf(n)
                .multiply(BigInteger.valueOf(periodNanos))
                .add(BigInteger.valueOf(permits - 1))
                .divide(BigInteger.valueOf(permits))
                .min(BigInteger.valueOf(HORIZON))
                .longValueExact();
    }

    /** Whole permits refilled in {@code nanos} (not negative), rounded down. */
    long permitsIn(long nanos) {
        if (Math.multiplyHigh(nanos, permits) == 0 && nanos * permits >= 0) {
            return nanos * permits / periodNanos;
        }
        return BigInteger.valueOf(nanos)
                .multiply(BigInteger.valueOf(permits))
                .divide(BigInteger.valueOf(periodNanos))
                .min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValueExact();
    }
}
