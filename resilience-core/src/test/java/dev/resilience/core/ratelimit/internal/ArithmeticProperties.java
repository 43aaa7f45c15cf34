package dev.resilience.core.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.RateLimitConfig;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The exact conversions, checked against {@link BigInteger} as the oracle over the whole range of
 * valid settings, extremes included: time to refill rounds up, permits earned round down, and
 * both saturate instead of overflowing.
 */
class ArithmeticProperties {

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property(tries = 3000)
    void floorOfProductOverDivisorMatchesBigInteger(
            @ForAll("operands") long a, @ForAll("operands") long b, @ForAll("divisors") long c) {
        assertThat(Arithmetic.mulDivFloor(a, b, c)).isEqualTo(oracle(a, b, c, RoundingMode.FLOOR));
    }

    @Property(tries = 3000)
    void ceilingOfProductOverDivisorMatchesBigInteger(
            @ForAll("operands") long a, @ForAll("operands") long b, @ForAll("divisors") long c) {
        assertThat(Arithmetic.mulDivCeil(a, b, c)).isEqualTo(oracle(a, b, c, RoundingMode.CEILING));
    }

    @Property(tries = 2000)
    void refillConversionsOfExtremeSettingsMatchBigInteger(
            @ForAll("permitCounts") long refillPermits,
            @ForAll("periods") long periodNanos,
            @ForAll("operands") long n) {
        RefillRate rate = new RefillRate(RateLimitConfig.perPeriod(refillPermits, Duration.ofNanos(periodNanos)));

        long nanos = rate.nanosFor(n);
        long permits = rate.permitsIn(n);

        long expectedNanos = Math.min(oracle(n, periodNanos, refillPermits, RoundingMode.CEILING), RefillRate.HORIZON);
        assertThat(nanos).isEqualTo(expectedNanos);
        assertThat(permits).isEqualTo(oracle(n, refillPermits, periodNanos, RoundingMode.FLOOR));
    }

    @Example
    void tenMillionPermitsADayConvertsExactlyAcrossTheWholeDay() {
        RefillRate rate = new RefillRate(RateLimitConfig.perPeriod(10_000_000, Duration.ofDays(1)));
        long day = Duration.ofDays(1).toNanos();

        assertThat(rate.nanosFor(10_000_000)).isEqualTo(day);
        assertThat(rate.nanosFor(3)).isEqualTo(25_920_000);
        assertThat(rate.permitsIn(day)).isEqualTo(10_000_000);
        assertThat(rate.permitsIn(day - 1)).isEqualTo(9_999_999);
    }

    @Example
    void resultsAboveTheLongRangeSaturate() {
        assertThat(Arithmetic.mulDivFloor(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Arithmetic.mulDivCeil(Long.MAX_VALUE, 3, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Arithmetic.mulDivCeil(Long.MAX_VALUE, 2, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Arithmetic.mulDivFloor(Long.MAX_VALUE, 2, 3)).isEqualTo(6_148_914_691_236_517_204L);
    }

    @Provide
    Arbitrary<Long> operands() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 1L << 32),
                Arbitraries.of(0L, 1L, (1L << 32) - 1, 1L << 32, (1L << 62) + 1, Long.MAX_VALUE / 2, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> divisors() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, 1L << 32),
                Arbitraries.of(1L, 2L, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> permitCounts() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, RateLimitConfig.MAX_CAPACITY),
                Arbitraries.longs().between(1, 100_000_000),
                Arbitraries.of(1L, 10_000_000L, RateLimitConfig.MAX_CAPACITY));
    }

    @Provide
    Arbitrary<Long> periods() {
        long max = RateLimitConfig.MAX_PERIOD.toNanos();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, max),
                Arbitraries.of(1L, 1_000_000_000L, Duration.ofDays(1).toNanos(), max));
    }

    private static long oracle(long a, long b, long c, RoundingMode rounding) {
        BigInteger[] qr =
                BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        BigInteger quotient = qr[0];
        if (rounding == RoundingMode.CEILING && qr[1].signum() != 0) {
            quotient = quotient.add(BigInteger.ONE);
        }
        return quotient.min(MAX).longValueExact();
    }
}
