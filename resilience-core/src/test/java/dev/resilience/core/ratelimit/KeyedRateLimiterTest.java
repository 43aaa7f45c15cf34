package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bounded keyed store: per-key state, lossless eviction, a hard bound, a flat heap. */
class KeyedRateLimiterTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    private KeyedRateLimiter keyed(Algorithm algorithm, int maxKeys) {
        RateLimitConfig config =
                RateLimitConfig.perPeriod(5, Duration.ofSeconds(1)).withAlgorithm(algorithm);
        return RateLimiters.keyed("chat", config, time, maxKeys);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void eachKeyHasItsOwnLimit(Algorithm algorithm) {
        KeyedRateLimiter limiter = keyed(algorithm, 10);

        limiter.tryAcquire("alice", 5);

        assertThat(limiter.tryAcquire("alice", 1).allowed()).isFalse();
        assertThat(limiter.tryAcquire("bob", 5).allowed()).isTrue();
        assertThat(limiter.peek("carol").remaining()).isEqualTo(5);
        assertThat(limiter.size()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void whenFullOnlyIdleKeysAreEvictedAndBusyKeysKeepTheirState(Algorithm algorithm) {
        KeyedRateLimiter limiter = keyed(algorithm, 2);
        limiter.tryAcquire("idle", 1);
        time.advance(Duration.ofMillis(2_500));
        limiter.tryAcquire("busy", 5);

        Decision newcomer = limiter.tryAcquire("new", 1);

        assertThat(newcomer.allowed()).isTrue();
        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.tryAcquire("busy", 1).allowed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void whenEveryKeyIsBusyANewKeyIsRejectedAndExistingKeysStillWork(Algorithm algorithm) {
        KeyedRateLimiter limiter = keyed(algorithm, 2);
        limiter.tryAcquire("a", 5);
        limiter.tryAcquire("b", 5);

        Decision newcomer = limiter.tryAcquire("c", 1);

        assertThat(newcomer.allowed()).isFalse();
        assertThat(newcomer.retryAfterNanos()).isPositive();
        assertThat(limiter.size()).isEqualTo(2);
        time.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("c", 1).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", 1).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void tryAcquireNowChargesEachKeyAndRefusesNewKeysWhileEveryKeyIsBusy(Algorithm algorithm) {
        KeyedRateLimiter limiter = keyed(algorithm, 2);
        boolean leaky = algorithm == Algorithm.LEAKY_BUCKET;

        assertThat(limiter.tryAcquireNow("a", 5)).isTrue();
        assertThat(limiter.tryAcquireNow("a", 1)).isFalse();
        assertThat(limiter.tryAcquireNow("b", 2)).isTrue();
        assertThat(limiter.tryAcquireNow("b", 3)).isEqualTo(!leaky);
        assertThat(limiter.tryAcquireNow("c", 1)).isFalse();
        assertThat(limiter.size()).isEqualTo(2);
        time.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquireNow("c", 1)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void evictIdleDropsExactlyTheKeysThatRefilled(Algorithm algorithm) {
        KeyedRateLimiter limiter = keyed(algorithm, 100);
        limiter.tryAcquire("early", 5);
        time.advance(Duration.ofSeconds(2));
        limiter.tryAcquire("late", 5);

        int evicted = limiter.evictIdle();

        assertThat(evicted).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire("late", 1).allowed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void anAcquisitionRacingWithAnEvictionIsNeverForgotten(Algorithm algorithm) throws Exception {
        // Time stands still: a key can grant its capacity once and never again, whichever bucket
        // object holds it. A forgotten acquisition would let a fresh bucket grant it twice.
        // The leaky bucket needs a maximum wait to queue its capacity; the others must not have one.
        Duration maxWait = algorithm == Algorithm.LEAKY_BUCKET ? Duration.ofDays(1) : Duration.ZERO;
        RateLimitConfig config = new RateLimitConfig(algorithm, 5, 5, Duration.ofHours(1), maxWait);
        KeyedRateLimiter limiter = RateLimiters.keyed("race", config, time, 10_000);
        int keys = 2_000;
        AtomicLongArray granted = new AtomicLongArray(keys);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        CountDownLatch start = new CountDownLatch(1);

        pool.execute(() -> {
            RateLimiterContractTest.awaitQuietly(start);
            while (!done.get()) {
                limiter.evictIdle();
            }
        });
        var workers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < 8; t++) {
            workers.add(pool.submit(() -> {
                RateLimiterContractTest.awaitQuietly(start);
                for (int round = 0; round < 8; round++) {
                    for (int k = 0; k < keys; k++) {
                        // Half the rounds take the allocation-free path (the leaky bucket only
                        // queues its capacity with a wait, so it always asks for a decision).
                        boolean now = round % 2 == 1 && algorithm != Algorithm.LEAKY_BUCKET;
                        String key = "key-" + k;
                        if (now
                                ? limiter.tryAcquireNow(key, 1)
                                : limiter.tryAcquire(key, 1).allowed()) {
                            granted.incrementAndGet(k);
                        }
                    }
                }
            }));
        }
        start.countDown();
        for (var worker : workers) {
            worker.get(1, TimeUnit.MINUTES);
        }
        done.set(true);
        pool.shutdown();

        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        for (int k = 0; k < keys; k++) {
            assertThat(granted.get(k)).as("permits granted to key-%d", k).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void concurrentNewKeysNeverPushTheStorePastItsMaximum(Algorithm algorithm) throws Exception {
        // Time stands still, so no key ever becomes idle: exactly maxKeys keys get in.
        KeyedRateLimiter limiter = keyed(algorithm, 1_000);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);

        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.execute(() -> {
                RateLimiterContractTest.awaitQuietly(start);
                for (int i = 0; i < 500; i++) {
                    if (limiter.tryAcquire("t" + thread + "-" + i, 1).allowed()) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();

        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(admitted).hasValue(1_000);
        assertThat(limiter.size()).isEqualTo(1_000);
    }

    @ParameterizedTest
    @EnumSource(
            value = Algorithm.class,
            names = {"TOKEN_BUCKET", "SLIDING_WINDOW"})
    void aMillionDistinctKeysNeverHoldMoreThanTheMaximumAndLeaveNothingOnceIdle(Algorithm algorithm) {
        // Case M1: a key flood.
        KeyedRateLimiter limiter = keyed(algorithm, 10_000);
        int maxSeen = 0;
        int admitted = 0;

        for (int i = 0; i < 1_000_000; i++) {
            if (limiter.tryAcquire("flood-" + i, 1).allowed()) {
                admitted++;
            }
            maxSeen = Math.max(maxSeen, limiter.size());
            time.advanceNanos(100_000);
        }
        time.advance(Duration.ofSeconds(2));
        limiter.evictIdle();

        assertThat(maxSeen).isLessThanOrEqualTo(10_000);
        // A token bucket is idle again 200 ms after its one call, so no key is ever turned away; a
        // sliding window stays busy for up to two windows, so the bound turns some keys away.
        assertThat(admitted).isGreaterThan(algorithm == Algorithm.TOKEN_BUCKET ? 999_999 : 400_000);
        assertThat(limiter.size()).isZero();
    }
}
