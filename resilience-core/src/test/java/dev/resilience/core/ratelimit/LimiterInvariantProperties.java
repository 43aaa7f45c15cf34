package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The rate promise, checked on random traffic: in any interval of length L, the permits granted
 * never exceed {@code capacity + rate x L} for the token bucket, the leaky bucket and the sliding
 * window counter; the fixed window exceeds it by at most one capacity.
 */
class LimiterInvariantProperties {

    @Property(tries = 300)
    void grantedPermitsStayWithinCapacityPlusRateTimesInterval(
            @ForAll("algorithms") Algorithm algorithm,
            @ForAll @IntRange(min = 1, max = 20) int capacity,
            @ForAll @IntRange(min = 1, max = 20) int refillPermits,
            @ForAll @IntRange(min = 1, max = 1_000_000) int periodNanos,
            @ForAll @IntRange(min = 0, max = 3) int maxWaitPeriods,
            @ForAll @Size(max = 200) List<@From("steps") Step> steps) {
        Duration maxWait = algorithm == Algorithm.LEAKY_BUCKET
                ? Duration.ofNanos((long) maxWaitPeriods * periodNanos)
                : Duration.ZERO;
        RateLimitConfig config =
                new RateLimitConfig(algorithm, capacity, refillPermits, Duration.ofNanos(periodNanos), maxWait);
        long excess = algorithm == Algorithm.FIXED_WINDOW ? capacity : 0;

        List<long[]> granted = run(config, periodNanos, steps);

        assertWithinBound(granted, capacity + excess, refillPermits, periodNanos);
    }

    @Property(tries = 100)
    void fixedWindowNeverExceedsTheBoundByMoreThanOneCapacity(
            @ForAll @IntRange(min = 1, max = 20) int capacity,
            @ForAll @IntRange(min = 1, max = 1_000_000) int periodNanos,
            @ForAll @Size(max = 200) List<@From("steps") Step> steps) {
        RateLimitConfig config = new RateLimitConfig(
                Algorithm.FIXED_WINDOW, capacity, capacity, Duration.ofNanos(periodNanos), Duration.ZERO);

        List<long[]> granted = run(config, periodNanos, steps);

        assertWithinBound(granted, 2L * capacity, capacity, periodNanos);
    }

    private static List<long[]> run(RateLimitConfig config, int periodNanos, List<Step> steps) {
        ManualTimeSource time = ManualTimeSource.create();
        RateLimiter limiter = RateLimiters.create(config, time);
        List<long[]> granted = new ArrayList<>();
        long now = 0;
        for (Step step : steps) {
            long advance = (long) periodNanos * step.permille() / 1000;
            time.advanceNanos(advance);
            now += advance;
            long permits = Math.min(step.permits(), config.capacity());
            if (limiter.tryAcquire(permits).allowed()) {
                granted.add(new long[] {now, permits});
            }
        }
        return granted;
    }

    /** Checks every interval between two grants: sum x period <= burst x period + refill x L. */
    private static void assertWithinBound(List<long[]> granted, long burst, long refillPermits, long periodNanos) {
        for (int i = 0; i < granted.size(); i++) {
            long sum = 0;
            for (int j = i; j < granted.size(); j++) {
                sum += granted.get(j)[1];
                long length = granted.get(j)[0] - granted.get(i)[0];
                BigInteger admitted = BigInteger.valueOf(sum).multiply(BigInteger.valueOf(periodNanos));
                BigInteger bound = BigInteger.valueOf(burst)
                        .multiply(BigInteger.valueOf(periodNanos))
                        .add(BigInteger.valueOf(refillPermits).multiply(BigInteger.valueOf(length)));
                assertThat(admitted)
                        .as("%d permits granted in %d ns", sum, length)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    @Provide
    Arbitrary<Algorithm> algorithms() {
        return Arbitraries.of(Algorithm.class);
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Integer> permille = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(200, 2500)));
        return Combinators.combine(permille, Arbitraries.integers().between(1, 20))
                .as(Step::new);
    }

    /** Let {@code permille} thousandths of a period pass, then ask for {@code permits}. */
    record Step(int permille, int permits) {}
}
