package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Redis server that stops answering without going away ({@code CLIENT PAUSE}, as during a
 * failover or a long blocking command): every decision still comes back within the command
 * timeout, decided by the failure policy, no caller thread is left waiting, and the store uses
 * Redis again once the pause is over.
 */
class RedisPauseTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);

    private static final int PAUSE_MILLIS = 2_500;

    private static final int THREADS = 8;

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void pausedRedisIsDecidedLocallyWithinTheTimeoutAndUsedAgainAfterThePause() throws Exception {
        LettuceConnectionFactory connections = redis.connectionFactory(Duration.ofSeconds(30));
        LettuceConnectionFactory admin = redis.connectionFactory(Duration.ofSeconds(30));
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            RedisRateLimiterProperties properties = new RedisRateLimiterProperties();
            properties.setFailurePolicy(RedisFailurePolicy.LOCAL);
            properties.setCommandTimeout(COMMAND_TIMEOUT);
            properties.setFailureThreshold(3);
            properties.setRetryInterval(Duration.ofMillis(300));
            RedisRateLimiterStore store = new RedisRateLimiterStore(connections, properties, TimeSource.system());
            assertThat(store.warmUp(Duration.ofSeconds(10))).isTrue();
            KeyedRateLimiter limiter = store.create("paused", RateLimitConfig.perPeriod(5, Duration.ofHours(1)));
            assertThat(limiter.tryAcquire("before", 1).allowed()).isTrue();

            try (RedisConnection connection = admin.getConnection()) {
                connection.execute("CLIENT", bytes("PAUSE"), bytes(Integer.toString(PAUSE_MILLIS)), bytes("ALL"));
            }
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                admitted.add(callers.submit(() -> {
                    int granted = 0;
                    for (int i = 0; i < 10; i++) {
                        granted += limiter.tryAcquire("tenant", 1).allowed() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            int total = 0;
            for (Future<Integer> future : admitted) {
                // Each call is bounded by the command timeout; none may wait for the pause itself.
                total += future.get(PAUSE_MILLIS * 10L, TimeUnit.MILLISECONDS);
            }

            assertThat(store.isDegraded()).isTrue();
            assertThat(store.fallbackCount()).isPositive();
            // The local limiter of the same limit decided meanwhile: at most its capacity.
            assertThat(total).isLessThanOrEqualTo(5);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        limiter.peek("tenant");
                        return !store.isDegraded();
                    });
            long fallbacks = store.fallbackCount();

            assertThat(limiter.tryAcquire("after", 5).allowed()).isTrue();
            assertThat(limiter.tryAcquire("after", 1).allowed()).isFalse();
            assertThat(store.fallbackCount()).isEqualTo(fallbacks);
        } finally {
            callers.shutdownNow();
            connections.destroy();
            admin.destroy();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
