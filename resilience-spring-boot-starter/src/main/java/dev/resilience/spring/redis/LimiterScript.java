package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One algorithm's side of the Redis store: which script enforces it, what the script is told and
 * how its reply becomes a {@link Decision} with the same meaning as the in-memory limiter's.
 *
 * <p>The scripts return raw state (backlogs, counts, time left in a window); every number a
 * caller sees is derived here in exact {@code long} arithmetic.
 */
abstract sealed class LimiterScript permits BucketScript, WindowScript {

    /** What a script is asked to do. */
    enum Op {
        /** Take permits if they are available. */
        ACQUIRE,
        /** Report the state without changing it. */
        PEEK,
        /** Take permits whether or not they are available: a debt. */
        CHARGE,
        /** Give permits back, never beyond the capacity. */
        REFUND;

        final byte[] wire = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    final RateLimitConfig config;
    final long capacity;

    LimiterScript(RateLimitConfig config) {
        this.config = config;
        this.capacity = config.capacity();
    }

    /** Creates the script side of the configured algorithm. */
    static LimiterScript of(RateLimitConfig config) {
        return switch (config.algorithm()) {
            case TOKEN_BUCKET -> new BucketScript(config, false);
            case LEAKY_BUCKET -> new BucketScript(config, true);
            case FIXED_WINDOW -> new FixedWindowScript(config);
            case SLIDING_WINDOW -> new SlidingWindowScript(config);
        };
    }

    /** The script that enforces this algorithm. */
    abstract LuaScript script();

    /** The last segment of the key, naming the algorithm so that two never share state. */
    abstract String keySuffix();

    /** The script's arguments for {@code op} on {@code amount} permits (ignored by a peek). */
    abstract byte[][] args(Op op, long amount);

    /** Translates the script's reply to an acquire ({@code permits}) or a peek (one permit). */
    abstract Decision decide(Op op, long permits, List<Object> reply);

    static byte[] arg(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    static long at(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    /** {@code a * b} or {@link Long#MAX_VALUE} when it would overflow. */
    static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    /** {@code a + b} or {@link Long#MAX_VALUE} when it would overflow. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
