package dev.resilience.core.ratelimit.internal;

import java.math.BigInteger;

/** Exact integer arithmetic the algorithms share, with no overflow for any valid setting. */
final class Arithmetic {

    private Arithmetic() {}

    /** {@code floor(a * b / c)} for non-negative {@code a}, {@code b} and positive {@code c}. */
    static long mulDivFloor(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return low / c;
        }
        return clamp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)));
    }

    /** {@code ceil(a * b / c)} for non-negative {@code a}, {@code b} and positive {@code c}. */
    static long mulDivCeil(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return -Math.floorDiv(-low, c);
        }
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        return clamp(product.add(BigInteger.valueOf(c - 1)).divide(BigInteger.valueOf(c)));
    }

    /** {@code a + b}, saturating at {@code Long.MAX_VALUE}, for non-negative operands. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long clamp(BigInteger value) {
        return value.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
