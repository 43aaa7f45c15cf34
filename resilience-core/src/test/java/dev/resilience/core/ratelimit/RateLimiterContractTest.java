package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every rate limiting algorithm promises, run over each of them. */
class RateLimiterContractTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    private RateLimiter limiter(Algorithm algorithm, long capacity, Duration period) {
        return RateLimiters.create(new RateLimitConfig(algorithm, capacity, capacity, period, Duration.ZERO), time);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aFreshLimiterIsFullAndIdle(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));

        Decision peek = limiter.peek();

        assertThat(limiter.isIdle()).isTrue();
        assertThat(peek.allowed()).isTrue();
        assertThat(peek.remaining()).isEqualTo(10);
        assertThat(peek.limit()).isEqualTo(10);
        assertThat(peek.resetAfterNanos()).isZero();
        assertThat(limiter.config().algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void remainingIsExactlyTheLargestRequestGrantedNow(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));

        long remaining = limiter.tryAcquire(3).remaining();

        assertThat(limiter.tryAcquire(remaining + 1).allowed()).isFalse();
        if (remaining > 0) {
            assertThat(limiter.tryAcquire(remaining).allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire(1).allowed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void retryAfterIsExactToTheNanosecond(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));
        time.advance(Duration.ofMillis(2_500));
        Decision rejected = drain(limiter, 2);

        time.advanceNanos(rejected.retryAfterNanos() - 1);
        assertThat(limiter.tryAcquire(2).allowed()).isFalse();

        time.advanceNanos(1);
        assertThat(limiter.tryAcquire(2).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void resetAfterIsExactlyWhenTheLimiterIsFullAgain(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));
        time.advance(Duration.ofMillis(700));
        Decision decision = limiter.tryAcquire(4);

        time.advanceNanos(decision.resetAfterNanos() - 1);
        assertThat(limiter.isIdle()).isFalse();

        time.advanceNanos(1);
        assertThat(limiter.isIdle()).isTrue();
        assertThat(limiter.peek().remaining()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aCostAboveTheCapacityIsRejectedAtOnceAndChargesNothing(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(1));

        Decision decision = limiter.tryAcquire(11);

        assertThat(decision.isImpossible()).isTrue();
        assertThat(limiter.peek().remaining()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aRefundGivesThePermitsBack(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));
        limiter.tryAcquire(6);

        limiter.adjust(-6);

        assertThat(limiter.isIdle()).isTrue();
        assertThat(limiter.peek().remaining()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aDebtBeyondTheCapacityDelaysLaterCallsUntilItIsPaidOff(Algorithm algorithm) {
        RateLimiter limiter = limiter(algorithm, 10, Duration.ofSeconds(10));

        limiter.adjust(25);
        Decision rejected = limiter.tryAcquire(1);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        time.advanceNanos(rejected.retryAfterNanos());
        assertThat(limiter.tryAcquire(1).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void capacityOneAtThreePerSecondLetsTheNextCallThroughWithinTwoThirdsOfASecond(Algorithm algorithm) {
        RateLimiter limiter =
                RateLimiters.create(new RateLimitConfig(algorithm, 1, 3, Duration.ofSeconds(1), Duration.ZERO), time);

        assertThat(limiter.tryAcquire(1).allowed()).isTrue();
        Decision rejected = limiter.tryAcquire(1);

        // A third of a second for every algorithm but the sliding window, which waits for the
        // weight of the previous window to run out (see SlidingWindowCounter).
        assertThat(rejected.retryAfterNanos()).isBetween(333_333_334L, 2 * 333_333_334L);
        time.advanceNanos(rejected.retryAfterNanos());
        assertThat(limiter.tryAcquire(1).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void extremeSettingsNeitherOverflowNorMisbehave(Algorithm algorithm) {
        long huge = RateLimitConfig.MAX_CAPACITY;
        RateLimiter perDay = limiter(algorithm, huge, Duration.ofDays(366));
        RateLimiter onePerDay = limiter(algorithm, 1, Duration.ofDays(1));
        RateLimiter fast = RateLimiters.create(
                new RateLimitConfig(algorithm, 10_000_000, 10_000_000, Duration.ofSeconds(1), Duration.ZERO), time);

        assertThat(perDay.tryAcquire(huge).allowed()).isTrue();
        assertThat(perDay.tryAcquire(1).retryAfterNanos())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(2 * 366).toNanos());
        assertThat(onePerDay.tryAcquire(1).allowed()).isTrue();
        assertThat(onePerDay.tryAcquire(1).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(2));
        assertThat(fast.tryAcquire(10_000_000).allowed()).isTrue();
        time.advance(Duration.ofDays(2));
        assertThat(onePerDay.tryAcquire(1).allowed()).isTrue();
        assertThat(fast.peek().remaining()).isEqualTo(10_000_000);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void sixteenThreadsTogetherAreGrantedExactlyTheCapacity(Algorithm algorithm) throws InterruptedException {
        // The leaky bucket lets a request queue only within the maximum wait, so give it one.
        Duration maxWait = algorithm == Algorithm.LEAKY_BUCKET ? Duration.ofDays(1) : Duration.ZERO;
        RateLimiter limiter =
                RateLimiters.create(new RateLimitConfig(algorithm, 10_000, 10_000, Duration.ofHours(1), maxWait), time);
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);

        for (int t = 0; t < 16; t++) {
            pool.execute(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 2_000; i++) {
                    if (limiter.tryAcquire(1).allowed()) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();

        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(granted).hasValue(10_000);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void tryAcquireNowGrantsExactlyWhatTryAcquireGrantsWithoutAMaximumWait(Algorithm algorithm) {
        RateLimiter withDecisions = limiter(algorithm, 10, Duration.ofSeconds(10));
        RateLimiter withBooleans = limiter(algorithm, 10, Duration.ofSeconds(10));
        long[] costs = {3, 4, 11, 2, 1, 1, 5, 1, 10, 2, 7, 1};

        for (long cost : costs) {
            boolean expected = withDecisions.tryAcquire(cost).allowed();

            assertThat(withBooleans.tryAcquireNow(cost)).as("cost %d", cost).isEqualTo(expected);
            assertThat(withBooleans.peek()).isEqualTo(withDecisions.peek());
            time.advance(Duration.ofMillis(1_300));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Algorithm.class,
            names = {"TOKEN_BUCKET", "LEAKY_BUCKET"})
    void tryAcquireNowRefusesWhatOnlyAWaitWouldGrantAndChargesNothing(Algorithm algorithm) {
        RateLimiter limiter = RateLimiters.create(
                new RateLimitConfig(algorithm, 2, 2, Duration.ofSeconds(2), Duration.ofSeconds(5)), time);
        // One queued permit makes the leaky bucket's queue non-empty; two empty the token bucket.
        limiter.tryAcquire(algorithm == Algorithm.LEAKY_BUCKET ? 1 : 2);
        Decision before = limiter.peek();

        boolean granted = limiter.tryAcquireNow(1);

        assertThat(before.allowed()).as("tryAcquire would grant with a wait").isTrue();
        assertThat(before.waitNanos()).isPositive();
        assertThat(granted).isFalse();
        assertThat(limiter.peek()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void sixteenThreadsCallingTryAcquireNowAreGrantedExactlyWhatFitsWithoutAWait(Algorithm algorithm)
            throws InterruptedException {
        RateLimiter limiter = limiter(algorithm, 10_000, Duration.ofHours(1));
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);

        for (int t = 0; t < 16; t++) {
            pool.execute(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 2_000; i++) {
                    if (limiter.tryAcquireNow(1)) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();

        // With the clock frozen and no maximum wait, the leaky bucket admits one request at once.
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(granted).hasValue(algorithm == Algorithm.LEAKY_BUCKET ? 1 : 10_000);
    }

    private static Decision drain(RateLimiter limiter, long permits) {
        while (true) {
            Decision decision = limiter.tryAcquire(permits);
            if (!decision.allowed()) {
                return decision;
            }
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
