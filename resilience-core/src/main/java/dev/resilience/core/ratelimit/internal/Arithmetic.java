package dev.resilience.core.ratelimit.internal;

/**
 * Exact integer arithmetic the algorithms share, with no overflow and no allocation for any valid
 * setting.
 *
 * <p>A product of two {@code long}s is formed in 128 bits ({@link Math#multiplyHigh} for the high
 * half) and divided by a 64-bit divisor with two 64-by-32 steps (Knuth's algorithm D, in the form
 * of Hacker's Delight's {@code divlu}), so a large limit such as ten million permits a day costs
 * the same few instructions as a small one.
 */
final class Arithmetic {

    private static final long HALF = 1L << 32;
    private static final long LOW_HALF = HALF - 1;

    private Arithmetic() {}

    /**
     * {@code floor(a * b / c)} for non-negative {@code a}, {@code b} and positive {@code c},
     * saturating at {@code Long.MAX_VALUE}.
     */
    static long mulDivFloor(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return low / c;
        }
        long quotient = divide(high, low, c);
        return quotient < 0 ? Long.MAX_VALUE : quotient;
    }

    /**
     * {@code ceil(a * b / c)} for non-negative {@code a}, {@code b} and positive {@code c},
     * saturating at {@code Long.MAX_VALUE}.
     */
    static long mulDivCeil(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return -Math.floorDiv(-low, c);
        }
        long quotient = divide(high, low, c);
        if (quotient < 0 || quotient == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        // The remainder is below c, so the low 64 bits of the product minus quotient x c hold it.
        return low - quotient * c != 0 ? quotient + 1 : quotient;
    }

    /** {@code a + b}, saturating at {@code Long.MAX_VALUE}, for non-negative operands. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The unsigned quotient of the 128-bit value {@code high:low} by {@code divisor}, or -1 when it
     * does not fit in 64 bits. {@code high} is non-negative and {@code divisor} positive, as every
     * caller's operands are.
     */
    private static long divide(long high, long low, long divisor) {
        if (high >= divisor) {
            return -1;
        }
        // Normalize so the divisor's top bit is set; each 64-by-32 step then guesses a quotient
        // digit at most two too large, which the correction loops take back.
        int shift = Long.numberOfLeadingZeros(divisor);
        long v = divisor << shift;
        long v1 = v >>> 32;
        long v0 = v & LOW_HALF;
        long u32 = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
        long u10 = low << shift;
        long u1 = u10 >>> 32;
        long u0 = u10 & LOW_HALF;

        long q1 = Long.divideUnsigned(u32, v1);
        long rest = u32 - q1 * v1;
        while (Long.compareUnsigned(q1, HALF) >= 0 || Long.compareUnsigned(q1 * v0, rest * HALF + u1) > 0) {
            q1--;
            rest += v1;
            if (Long.compareUnsigned(rest, HALF) >= 0) {
                break;
            }
        }
        long u21 = u32 * HALF + u1 - q1 * v;

        long q0 = Long.divideUnsigned(u21, v1);
        rest = u21 - q0 * v1;
        while (Long.compareUnsigned(q0, HALF) >= 0 || Long.compareUnsigned(q0 * v0, rest * HALF + u0) > 0) {
            q0--;
            rest += v1;
            if (Long.compareUnsigned(rest, HALF) >= 0) {
                break;
            }
        }
        return q1 * HALF + q0;
    }
}
