package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Case R1: Redis stops in the middle of traffic and comes back. Calls are decided by the failure
 * policy, each waits for Redis no longer than the command timeout, Redis is left alone after a
 * few failures, the outage is logged once and counted, and Redis is used again once it answers.
 */
class RedisOutageTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);

    /** Slack for scheduling on a loaded machine; the bound itself is the command timeout. */
    private static final Duration SLACK = Duration.ofMillis(700);

    private static final Map<RedisFailurePolicy, Integer> ADMITTED_OF_20 = new EnumMap<>(
            Map.of(RedisFailurePolicy.ALLOW, 20, RedisFailurePolicy.DENY, 0, RedisFailurePolicy.LOCAL, 5));

    private static LocalRedis redis;
    private LettuceConnectionFactory connectionFactory;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger storeLogger = (Logger) LoggerFactory.getLogger(RedisRateLimiterStore.class);

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

    @BeforeEach
    void connect() {
        if (!redis.isRunning()) {
            redis.restart();
        }
        connectionFactory = redis.connectionFactory(Duration.ofSeconds(30));
        logs.start();
        storeLogger.addAppender(logs);
    }

    @AfterEach
    void disconnect() {
        storeLogger.detachAppender(logs);
        connectionFactory.destroy();
    }

    @ParameterizedTest
    @EnumSource(RedisFailurePolicy.class)
    void outageIsDecidedByThePolicyWithBoundedLatencyAndRedisIsUsedAgainWhenBack(RedisFailurePolicy policy) {
        RedisRateLimiterProperties properties = new RedisRateLimiterProperties();
        properties.setFailurePolicy(policy);
        properties.setCommandTimeout(COMMAND_TIMEOUT);
        properties.setFailureThreshold(3);
        properties.setRetryInterval(Duration.ofMillis(500));
        RedisRateLimiterStore store = new RedisRateLimiterStore(connectionFactory, properties, TimeSource.system());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        new RedisStoreMetrics(store).bindTo(metrics);
        assertThat(store.warmUp(Duration.ofSeconds(10))).isTrue();
        KeyedRateLimiter limiter = store.create("chat-" + policy, RateLimitConfig.perPeriod(5, Duration.ofHours(1)));
        assertThat(limiter.tryAcquire("before", 1).allowed()).isTrue();
        assertThat(store.fallbackCount()).isZero();

        redis.stop();
        int admitted = 0;
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            admitted += limiter.tryAcquire("tenant", 1).allowed() ? 1 : 0;
            slowest = Math.max(slowest, System.nanoTime() - start);
        }

        assertThat(admitted).isEqualTo(ADMITTED_OF_20.get(policy));
        assertThat(Duration.ofNanos(slowest)).isLessThan(COMMAND_TIMEOUT.plus(SLACK));
        assertThat(store.isDegraded()).isTrue();
        assertThat(store.fallbackCount()).isEqualTo(20);
        assertThat(metrics.get("resilience.ratelimiter.store.degraded").gauge().value())
                .isEqualTo(1);
        assertThat(metrics.get("resilience.ratelimiter.store.fallbacks")
                        .functionCounter()
                        .count())
                .isEqualTo(20);
        assertThat(messages(Level.WARN))
                .singleElement()
                .asString()
                .contains("unreachable", "'" + policy.name().toLowerCase() + "'");

        redis.restart();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    limiter.peek("tenant");
                    return !store.isDegraded();
                });
        long fallbacks = store.fallbackCount();

        assertThat(limiter.tryAcquire("after", 5).allowed()).isTrue();
        assertThat(limiter.tryAcquire("after", 1).allowed()).isFalse();
        assertThat(store.fallbackCount()).isEqualTo(fallbacks);
        assertThat(metrics.get("resilience.ratelimiter.store.degraded").gauge().value())
                .isZero();
        assertThat(messages(Level.INFO)).singleElement().asString().contains("reachable again");
        assertThat(messages(Level.WARN)).hasSize(1);
    }

    private java.util.List<String> messages(Level level) {
        return logs.list.stream()
                .filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
