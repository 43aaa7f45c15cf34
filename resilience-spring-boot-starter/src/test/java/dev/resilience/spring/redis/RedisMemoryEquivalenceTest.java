package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.core.time.TimeSource;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis scripts decide as the in-memory algorithms do: the same seeded sequence of
 * acquisitions, refunds and debts, sent to both stores, gets the same decisions one by one, and
 * with a real refill both admit the same number of calls over the same span of time.
 */
class RedisMemoryEquivalenceTest {

    /**
     * A refill so slow that nothing comes back while the test runs, so that decisions do not depend
     * on time; short enough for Redis to hold exactly (below 2^53 ns).
     */
    private static final Duration FROZEN = Duration.ofDays(30);

    private static LocalRedis redis;
    private static LettuceConnectionFactory connectionFactory;
    private static RedisRateLimiterStore store;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
        connectionFactory = redis.connectionFactory(Duration.ofSeconds(5));
        store = new RedisRateLimiterStore(
                connectionFactory, RedisRateLimiterStoreTest.properties(), ManualTimeSource.create());
    }

    @AfterAll
    static void stopRedis() {
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aRandomSequenceOfCallsGetsTheSameDecisionsFromBothStores(Algorithm algorithm) {
        Duration maxWait = algorithm == Algorithm.LEAKY_BUCKET ? FROZEN : Duration.ZERO;
        RateLimitConfig config = new RateLimitConfig(algorithm, 1_000, 1_000, FROZEN, maxWait);
        KeyedRateLimiter inMemory = RateLimiters.keyed("chat", config, ManualTimeSource.create(), 100);
        KeyedRateLimiter inRedis = store.create("chat-" + UUID.randomUUID(), config);
        SplittableRandom random = new SplittableRandom(algorithm.ordinal());
        int admitted = 0;

        for (int step = 0; step < 400; step++) {
            String key = "tenant-" + random.nextInt(3);
            int action = random.nextInt(10);
            if (action < 2) {
                long delta = random.nextLong(-60, 61);
                inMemory.adjust(key, delta);
                inRedis.adjust(key, delta);
                continue;
            }
            long permits = action == 2 ? random.nextLong(900, 1_100) : random.nextLong(1, 120);
            Decision expected = action == 3 ? inMemory.peek(key) : inMemory.tryAcquire(key, permits);
            Decision actual = action == 3 ? inRedis.peek(key) : inRedis.tryAcquire(key, permits);

            String where = "step " + step + ", " + key + ", " + (action == 3 ? "peek" : permits + " permits");
            assertThat(actual.allowed()).as(where).isEqualTo(expected.allowed());
            assertThat(actual.isImpossible()).as(where).isEqualTo(expected.isImpossible());
            if (!expected.isImpossible()) {
                // Redis rejects a request above the capacity without asking, so it reports 0 left.
                assertThat(actual.remaining()).as(where).isEqualTo(expected.remaining());
            }
            admitted += action != 3 && expected.allowed() ? 1 : 0;
        }
        // The sequence reaches both sides of the limit.
        assertThat(admitted).isBetween(20, 300);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void withARealRefillBothStoresAdmitTheSameCountOverTheSameCalls(Algorithm algorithm) {
        // 20 permits back every 50 ms; calls interleaved for a second, some twenty windows.
        RateLimitConfig config = new RateLimitConfig(algorithm, 20, 20, Duration.ofMillis(50), Duration.ZERO);
        KeyedRateLimiter inMemory = RateLimiters.keyed("chat", config, TimeSource.system(), 100);
        KeyedRateLimiter inRedis = store.create("chat-" + UUID.randomUUID(), config);
        int memoryAdmitted = 0;
        int redisAdmitted = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(1).toNanos();

        for (int call = 0; call < 100_000 && System.nanoTime() < end; call++) {
            memoryAdmitted += inMemory.tryAcquire("tenant", 1).allowed() ? 1 : 0;
            redisAdmitted += inRedis.tryAcquire("tenant", 1).allowed() ? 1 : 0;
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // Both see the same span of time and differ only at its edges: a bucket by a permit or
        // two; a window algorithm by up to two windows' capacity (one more window touched, and the
        // last window cut at a different count), since Redis aligns windows on its own clock and
        // the in-memory limiter on the time source's.
        int edge = algorithm == Algorithm.FIXED_WINDOW || algorithm == Algorithm.SLIDING_WINDOW ? 2 * 20 : 0;
        assertThat(memoryAdmitted).isGreaterThan(2 * 20);
        assertThat(Math.abs(redisAdmitted - memoryAdmitted))
                .as(
                        "%s over %d ms: memory admitted %d, Redis %d",
                        algorithm, elapsedMillis, memoryAdmitted, redisAdmitted)
                .isLessThanOrEqualTo(edge + 2 + memoryAdmitted / 50);
    }
}
