package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The Redis store against a real Redis server: atomicity, round trips, keys, TTLs, scripts. */
class RedisRateLimiterStoreTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static LocalRedis redis;
    private static LettuceConnectionFactory connectionFactory;
    private static RedisRateLimiterStore store;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
        connectionFactory = redis.connectionFactory(Duration.ofSeconds(5));
        store = new RedisRateLimiterStore(connectionFactory, properties(), ManualTimeSource.create());
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

    @Test
    void tokenBucketDecidesLikeTheInMemoryLimiterIncludingRefundsAndDebt() {
        RateLimitConfig config = RateLimitConfig.perPeriod(10, HOUR);
        KeyedRateLimiter inRedis = store.create(unique("chat"), config);
        KeyedRateLimiter inMemory = RateLimiters.keyed("chat", config, ManualTimeSource.create(), 10);
        List<Function<KeyedRateLimiter, Decision>> steps = List.of(
                limiter -> limiter.tryAcquire("tenant", 3),
                limiter -> limiter.tryAcquire("tenant", 5),
                limiter -> limiter.tryAcquire("tenant", 4),
                limiter -> limiter.peek("tenant"),
                limiter -> {
                    limiter.adjust("tenant", -2);
                    return limiter.tryAcquire("tenant", 4);
                },
                limiter -> {
                    limiter.adjust("tenant", 6);
                    return limiter.tryAcquire("tenant", 1);
                },
                limiter -> limiter.tryAcquire("tenant", 11));

        for (Function<KeyedRateLimiter, Decision> step : steps) {
            Decision expected = step.apply(inMemory);
            Decision actual = step.apply(inRedis);

            assertThat(actual.allowed()).isEqualTo(expected.allowed());
            assertThat(actual.remaining()).isEqualTo(expected.remaining());
            assertThat(actual.limit()).isEqualTo(expected.limit());
            assertThat(actual.isImpossible()).isEqualTo(expected.isImpossible());
            // Redis time runs on while the in-memory clock stands still: allow for the test's own run.
            if (!expected.isImpossible()) {
                assertThat(actual.retryAfterNanos())
                        .isBetween(expected.retryAfterNanos() - 5_000_000_000L, expected.retryAfterNanos());
                assertThat(actual.resetAfterNanos())
                        .isBetween(expected.resetAfterNanos() - 5_000_000_000L, expected.resetAfterNanos());
            }
        }
    }

    @Test
    void eachDecisionIsOneScriptCallInOneRoundTrip() {
        KeyedRateLimiter limiter = store.create(unique("chat"), RateLimitConfig.perPeriod(1_000, HOUR));
        limiter.tryAcquire("warm-up", 1);
        resetStats();

        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire("tenant-" + (i % 5), 1);
        }
        limiter.peek("tenant-0");
        limiter.adjust("tenant-0", 3);

        Properties stats = commandStats();
        assertThat(calls(stats, "evalsha")).isEqualTo(52);
        assertThat(calls(stats, "eval")).isZero();
        assertThat(calls(stats, "script|load") + calls(stats, "script")).isZero();
    }

    @Test
    void requestAboveTheCapacityIsRejectedWithoutAskingRedis() {
        KeyedRateLimiter limiter = store.create(unique("chat"), RateLimitConfig.perPeriod(10, HOUR));
        resetStats();

        Decision decision = limiter.tryAcquire("tenant", 20);

        assertThat(decision.isImpossible()).isTrue();
        assertThat(calls(commandStats(), "evalsha")).isZero();
    }

    @Test
    void sixteenThreadsAreAdmittedExactlyTheCapacity() throws Exception {
        KeyedRateLimiter limiter = store.create(unique("chat"), RateLimitConfig.perPeriod(100, HOUR));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> admitted = new ArrayList<>();

        for (int t = 0; t < 16; t++) {
            admitted.add(pool.submit(() -> {
                start.await();
                int count = 0;
                for (int i = 0; i < 25; i++) {
                    count += limiter.tryAcquire("tenant", 1).allowed() ? 1 : 0;
                }
                return count;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : admitted) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(100);
        assertThat(store.fallbackCount()).isZero();
    }

    @Test
    void twoInstancesWithSkewedClocksShareOneLimitOnRedisTime() {
        String name = unique("chat");
        ManualTimeSource early = ManualTimeSource.startingAt(-4_000_000_000_000_000L);
        ManualTimeSource late = ManualTimeSource.startingAt(4_000_000_000_000_000L);
        LettuceConnectionFactory otherFactory = redis.connectionFactory(Duration.ofSeconds(5));
        try {
            KeyedRateLimiter first = new RedisRateLimiterStore(connectionFactory, properties(), early)
                    .create(name, RateLimitConfig.perPeriod(10, HOUR));
            KeyedRateLimiter second = new RedisRateLimiterStore(otherFactory, properties(), late)
                    .create(name, RateLimitConfig.perPeriod(10, HOUR));
            int admitted = 0;

            for (int i = 0; i < 20; i++) {
                admitted += first.tryAcquire("tenant", 1).allowed() ? 1 : 0;
                late.advance(Duration.ofHours(2));
                admitted += second.tryAcquire("tenant", 1).allowed() ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(10);
        } finally {
            otherFactory.destroy();
        }
    }

    @Test
    void keysCarryThePrefixAndOneHashTagPerLimitAndKey() {
        String name = unique("chat");
        store.create(name, RateLimitConfig.perPeriod(10, HOUR)).tryAcquire("tenant-a", 1);

        try (RedisConnection connection = connectionFactory.getConnection()) {
            byte[] key = ("resilience:{" + name + ":tenant-a}:tb").getBytes(StandardCharsets.UTF_8);
            assertThat(connection.keyCommands().exists(key)).isTrue();
        }
    }

    /** Case C3: capacity 1 at 3 permits/s refills in 334 ms, yet the key lives at least 1 s. */
    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyKeyExpiresNoSoonerThanOneSecond(Algorithm algorithm) {
        RateLimitConfig config = new RateLimitConfig(algorithm, 1, 3, Duration.ofSeconds(1), Duration.ZERO);
        RedisKeyedRateLimiter limiter = (RedisKeyedRateLimiter) store.create(unique("fast"), config);

        assertThat(limiter.tryAcquire("tenant", 1).allowed()).isTrue();

        // A sliding window's count weighs on the next window too, so it needs up to two windows.
        long needed = algorithm == Algorithm.SLIDING_WINDOW ? 2_000L : 1_000L;
        assertThat(ttlMillis(limiter.redisKey("tenant"))).isBetween(900L, needed);
    }

    @Test
    void keyExpiresWhenTheBucketHasRefilledAndNoLater() {
        RedisKeyedRateLimiter limiter = (RedisKeyedRateLimiter)
                store.create(unique("slow"), RateLimitConfig.perPeriod(10, Duration.ofSeconds(10)));

        limiter.tryAcquire("tenant", 10);

        assertThat(ttlMillis(limiter.redisKey("tenant"))).isBetween(9_000L, 10_000L);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyAlgorithmAdmitsTheCapacityThenRejectsUntilRefunded(Algorithm algorithm) {
        RateLimitConfig config =
                new RateLimitConfig(algorithm, 5, 5, HOUR, algorithm == Algorithm.LEAKY_BUCKET ? HOUR : Duration.ZERO);
        KeyedRateLimiter limiter = store.create(unique("all"), config);

        for (int i = 0; i < 5; i++) {
            Decision decision = limiter.tryAcquire("tenant", 1);
            assertThat(decision.allowed()).as("call %d", i + 1).isTrue();
            assertThat(decision.remaining()).isEqualTo(4 - i);
        }
        Decision rejected = limiter.tryAcquire("tenant", 1);
        limiter.adjust("tenant", -1);
        Decision afterRefund = limiter.tryAcquire("tenant", 1);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterNanos()).isPositive().isLessThanOrEqualTo(2 * HOUR.toNanos());
        assertThat(afterRefund.allowed()).isTrue();
    }

    @Test
    void leakyBucketMakesCallersWaitTheirTurnUpToTheMaximumWait() {
        RateLimitConfig config = new RateLimitConfig(Algorithm.LEAKY_BUCKET, 5, 5, HOUR, Duration.ofMinutes(30));
        KeyedRateLimiter limiter = store.create(unique("leaky"), config);

        Decision first = limiter.tryAcquire("tenant", 1);
        Decision second = limiter.tryAcquire("tenant", 1);
        Decision third = limiter.tryAcquire("tenant", 1);
        Decision fourth = limiter.tryAcquire("tenant", 1);

        assertThat(first.waitNanos()).isZero();
        assertThat(second.waitNanos())
                .isCloseTo(Duration.ofMinutes(12).toNanos(), org.assertj.core.data.Offset.offset(5_000_000_000L));
        assertThat(third.waitNanos())
                .isCloseTo(Duration.ofMinutes(24).toNanos(), org.assertj.core.data.Offset.offset(5_000_000_000L));
        assertThat(fourth.allowed()).isFalse();
    }

    @Test
    void scriptsAreLoadedAgainAfterScriptFlush() {
        KeyedRateLimiter limiter = store.create(unique("chat"), RateLimitConfig.perPeriod(10, HOUR));
        limiter.tryAcquire("tenant", 4);
        try (RedisConnection connection = connectionFactory.getConnection()) {
            connection.scriptingCommands().scriptFlush();
        }
        long fallbacksBefore = store.fallbackCount();

        Decision decision = limiter.tryAcquire("tenant", 1);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(5);
        assertThat(store.fallbackCount()).isEqualTo(fallbacksBefore);
    }

    static RedisRateLimiterProperties properties() {
        RedisRateLimiterProperties properties = new RedisRateLimiterProperties();
        properties.setCommandTimeout(Duration.ofSeconds(5));
        return properties;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long ttlMillis(String key) {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            return connection.keyCommands().pTtl(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void resetStats() {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            connection.serverCommands().resetConfigStats();
        }
    }

    private static Properties commandStats() {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            return connection.serverCommands().info("commandstats");
        }
    }

    private static long calls(Properties stats, String command) {
        String line = stats.getProperty("cmdstat_" + command);
        if (line == null) {
            return 0;
        }
        String calls = line.substring(line.indexOf("calls=") + 6);
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
    }
}
