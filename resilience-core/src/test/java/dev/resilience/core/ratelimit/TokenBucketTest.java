package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    @Test
    void fullBucketGrantsItsCapacityThenRejectsWithExactRetryAfter() {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(10, Duration.ofSeconds(10)), time);

        for (int i = 9; i >= 0; i--) {
            Decision decision = bucket.tryAcquire(1);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(i);
        }
        Decision rejected = bucket.tryAcquire(1);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.remaining()).isZero();
        assertThat(rejected.limit()).isEqualTo(10);
        assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rejected.resetAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void permitsComeBackAtTheRefillRate() {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(10, Duration.ofSeconds(10)), time);
        bucket.tryAcquire(10);

        time.advance(Duration.ofMillis(2999));
        assertThat(bucket.tryAcquire(3).allowed()).isFalse();

        time.advance(Duration.ofMillis(1));
        assertThat(bucket.tryAcquire(3).allowed()).isTrue();
    }

    @Test
    void costAboveCapacityIsImpossibleAndChargesNothing() {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(10, Duration.ofSeconds(1)), time);

        Decision decision = bucket.tryAcquire(11);

        assertThat(decision.isImpossible()).isTrue();
        assertThat(bucket.peek().remaining()).isEqualTo(10);
    }

    @Test
    void reconciliationRefundsUnusedPermitsAndChargesExcessAsDebt() {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(100, Duration.ofSeconds(100)), time);
        bucket.tryAcquire(60);

        bucket.adjust(-50);
        assertThat(bucket.peek().remaining()).isEqualTo(90);

        bucket.adjust(150);
        Decision inDebt = bucket.tryAcquire(1);
        assertThat(inDebt.allowed()).isFalse();
        assertThat(inDebt.retryAfter()).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void threeRequestsPerSecondWithCapacityOneSpacesCallsByAThirdOfASecond() {
        RateLimitConfig config =
                new RateLimitConfig(Algorithm.TOKEN_BUCKET, 1, 3, Duration.ofSeconds(1), Duration.ZERO);
        RateLimiter bucket = RateLimiters.create(config, time);

        assertThat(bucket.tryAcquire(1).allowed()).isTrue();
        assertThat(bucket.tryAcquire(1).allowed()).isFalse();
        time.advance(Duration.ofNanos(333_333_334));
        assertThat(bucket.tryAcquire(1).allowed()).isTrue();
    }

    @Test
    void manyThreadsTogetherAreGrantedExactlyTheCapacity() throws InterruptedException {
        RateLimiter bucket = RateLimiters.create(RateLimitConfig.perPeriod(10_000, Duration.ofHours(1)), time);
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);

        for (int t = 0; t < 16; t++) {
            pool.execute(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 2_000; i++) {
                    if (bucket.tryAcquire(1).allowed()) {
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
