package dev.resilience.benchmarks.redis;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.redis.RedisRateLimiterProperties;
import dev.resilience.spring.redis.RedisRateLimiterStore;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A connection to the redis-server that {@code run.sh} starts on a free loopback port, and the
 * store on it, built as the starter's auto-configuration builds them.
 */
final class LocalRedis implements AutoCloseable {

    /** The system property that names the port of the local redis-server. */
    static final String PORT_PROPERTY = "benchmarks.redis.port";

    /** A rate no benchmark reaches, so that every decision is a permitted one. */
    static final RateLimitConfig AMPLE = RateLimitConfig.perPeriod(1_000_000_000L, Duration.ofSeconds(1));

    private final LettuceConnectionFactory connections;

    private final RedisRateLimiterStore store;

    private final CountingConnections counting = new CountingConnections();

    /**
     * Connects to the local redis-server.
     *
     * @param countCommands whether to count the commands the store sends, at the price of a
     *     reflective proxy on every command
     */
    LocalRedis(boolean countCommands) {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            throw new IllegalStateException("set -D" + PORT_PROPERTY + " to the port of a local redis-server");
        }
        connections =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", Integer.parseInt(port)));
        connections.afterPropertiesSet();
        connections.start();
        store = new RedisRateLimiterStore(
                countCommands ? counting.wrap(connections) : connections,
                new RedisRateLimiterProperties(),
                TimeSource.system());
        // A cold fork loads Lettuce and Netty first; on a busy machine that takes seconds.
        if (!store.warmUp(Duration.ofSeconds(30))) {
            throw new IllegalStateException("redis-server on 127.0.0.1:" + port + " did not answer");
        }
    }

    KeyedRateLimiter limiter(String name) {
        return store.create(name, AMPLE);
    }

    /** The commands the store has sent to Redis so far, each one round trip. */
    long commandsSent() {
        return counting.sent();
    }

    /** The last script call the store sent, as {@link CountingConnections#lastScriptCall()}. */
    List<String> lastScriptCall() {
        return counting.lastScriptCall();
    }

    /** Fails if any decision was taken locally instead of by Redis. */
    void requireNoFallback() {
        if (store.fallbackCount() != 0) {
            throw new IllegalStateException(store.fallbackCount() + " decisions fell back to local limiters");
        }
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
