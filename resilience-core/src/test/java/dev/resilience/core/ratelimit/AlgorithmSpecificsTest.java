package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Behaviour particular to one algorithm: waits, boundary bursts, weighting. */
class AlgorithmSpecificsTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    @Test
    void tokenBucketGrantsItsCapacityThenRejectsWithExactHeaders() {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(10, Duration.ofSeconds(10)), time);

        for (int i = 9; i >= 0; i--) {
            assertThat(bucket.tryAcquire(1).remaining()).isEqualTo(i);
        }
        Decision rejected = bucket.tryAcquire(1);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rejected.resetAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void tokenBucketWithAMaximumWaitReservesPermitsStillRefilling() {
        RateLimiter bucket = RateLimiters.create(
                RateLimitConfig.perPeriod(10, Duration.ofSeconds(10)).withMaxWait(Duration.ofSeconds(3)), time);
        bucket.tryAcquire(10);

        Decision reserved = bucket.tryAcquire(2);
        Decision tooFar = bucket.tryAcquire(2);

        assertThat(reserved.allowed()).isTrue();
        assertThat(reserved.waitNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(tooFar.allowed()).isFalse();
        assertThat(tooFar.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void leakyBucketQueuesCallersAtTheRateWithinTheMaximumWait() {
        RateLimiter leaky = RateLimiters.create(
                new RateLimitConfig(Algorithm.LEAKY_BUCKET, 5, 1, Duration.ofSeconds(1), Duration.ofSeconds(2)), time);

        Decision first = leaky.tryAcquire(1);
        Decision second = leaky.tryAcquire(1);
        Decision third = leaky.tryAcquire(1);
        Decision fourth = leaky.tryAcquire(1);

        assertThat(first.waitNanos()).isZero();
        assertThat(second.waitNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(third.waitNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fourth.resetAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void leakyBucketWithoutMaximumWaitAdmitsOnlyIntoAnEmptyQueue() {
        RateLimiter leaky = RateLimiters.create(
                new RateLimitConfig(Algorithm.LEAKY_BUCKET, 5, 1, Duration.ofSeconds(1), Duration.ZERO), time);

        assertThat(leaky.tryAcquire(2).allowed()).isTrue();
        assertThat(leaky.tryAcquire(1).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fixedWindowAdmitsTwiceItsCapacityAcrossABoundary() {
        RateLimiter window = RateLimiters.create(
                RateLimitConfig.perPeriod(10, Duration.ofSeconds(1)).withAlgorithm(Algorithm.FIXED_WINDOW), time);
        time.advanceNanos(Duration.ofSeconds(1).toNanos() - 1);

        boolean endOfWindow = window.tryAcquire(10).allowed();
        time.advanceNanos(1);
        boolean startOfNext = window.tryAcquire(10).allowed();

        assertThat(endOfWindow).isTrue();
        assertThat(startOfNext).isTrue();
    }

    @Test
    void slidingWindowRoundsTheWeightUpSoASmallCapacityIsStricterThanTheRate() {
        RateLimiter window = RateLimiters.create(
                new RateLimitConfig(Algorithm.SLIDING_WINDOW, 1, 3, Duration.ofSeconds(1), Duration.ZERO), time);

        window.tryAcquire(1);
        Decision rejected = window.tryAcquire(1);

        // The permit taken at the start of the first window weighs 1 for all of the second one.
        assertThat(rejected.retryAfterNanos()).isEqualTo(2 * 333_333_334L);
    }

    @Test
    void slidingWindowWeighsThePreviousWindowByTheShareStillCovered() {
        RateLimiter window = RateLimiters.create(
                RateLimitConfig.perPeriod(10, Duration.ofSeconds(1)).withAlgorithm(Algorithm.SLIDING_WINDOW), time);
        time.advanceNanos(Duration.ofSeconds(1).toNanos() - 1);
        window.tryAcquire(10);

        time.advanceNanos(1 + Duration.ofMillis(300).toNanos());

        // 10 x 0.7 of the previous window is still counted: 3 permits are left.
        assertThat(window.peek().remaining()).isEqualTo(3);
        assertThat(window.tryAcquire(4).allowed()).isFalse();
        assertThat(window.tryAcquire(3).allowed()).isTrue();
    }
}
