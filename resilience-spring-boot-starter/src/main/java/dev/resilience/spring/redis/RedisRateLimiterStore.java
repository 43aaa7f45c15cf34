package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.store.RateLimiterStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@link RateLimiterStore} that keeps every limiter's state in Redis, so that all instances of
 * an application share one limit per key.
 *
 * <p>Each decision is one {@code EVALSHA} of the algorithm's Lua script, which reads the state,
 * refills it on Redis time ({@code TIME}, so instance clocks do not matter), decides and writes
 * back atomically. Keys read {@code <prefix>{<limit>:<key>}:<algorithm>} and expire once their
 * limit has refilled (never within one second). While Redis fails, the configured {@link
 * RedisFailurePolicy} decides, the wait for Redis is bounded by the command timeout, and after
 * repeated failures Redis is left alone for the retry interval.
 *
 * <p>The keyed limiters it creates report {@code size()} as -1, since their keys live in Redis.
 */
public final class RedisRateLimiterStore implements RateLimiterStore {

    /** How long warming up waits for Redis in the background. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);

    private final RedisConnectionFactory connectionFactory;
    private final RedisRateLimiterProperties properties;
    private final TimeSource time;
    private final ScriptRunner runner;
    private final RedisAvailability availability;

    /**
     * Creates a store on the application's connection factory.
     *
     * @param connectionFactory the factory whose connections run the scripts (Lettuce for the
     *     command timeout to apply)
     * @param properties the store's settings, checked here
     * @param time the clock of the in-memory fallback limiters and of the retry interval; Redis
     *     decisions never read it
     * @throws IllegalArgumentException naming the property when a setting is invalid
     */
    public RedisRateLimiterStore(
            RedisConnectionFactory connectionFactory, RedisRateLimiterProperties properties, TimeSource time) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        properties.validate();
        this.properties = properties;
        this.time = Objects.requireNonNull(time, "time");
        this.runner = new ScriptRunner(connectionFactory, properties.getCommandTimeout());
        this.availability = new RedisAvailability(
                properties.getFailureThreshold(), properties.getRetryInterval(), properties.getFailurePolicy(), time);
    }

    @Override
    public KeyedRateLimiter create(String name, RateLimitConfig config) {
        KeyedRateLimiter local = properties.getFailurePolicy() == RedisFailurePolicy.LOCAL
                ? RateLimiters.keyed(name, config, time, properties.getLocalMaxKeys())
                : null;
        return new RedisKeyedRateLimiter(
                name, config, properties.getKeyPrefix(), runner, availability, properties.getFailurePolicy(), local);
    }

    /**
     * Connects to Redis and loads every script ahead of the first call, waiting at most {@code
     * maxWait} (the work goes on in the background after that). A cold first call (connection,
     * script load, class loading) can take longer than the command timeout; after this it does
     * not. Never throws: when Redis cannot be reached now, calls apply the failure policy.
     *
     * @return whether Redis answered within {@code maxWait}
     */
    public boolean warmUp(Duration maxWait) {
        ScriptRunner patient = new ScriptRunner(connectionFactory, WARM_UP_TIMEOUT);
        byte[] key = (properties.getKeyPrefix() + "{warm-up}").getBytes(StandardCharsets.UTF_8);
        RateLimitConfig config = RateLimitConfig.perPeriod(1, Duration.ofSeconds(1));
        CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> {
            for (Algorithm algorithm : Algorithm.values()) {
                LimiterScript script = LimiterScript.of(config.withAlgorithm(algorithm));
                patient.run(script.script(), key, script.args(LimiterScript.Op.PEEK, 1));
            }
        });
        try {
            loading.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether Redis failed on the last try or is being left alone after repeated failures. */
    public boolean isDegraded() {
        return availability.isDegraded();
    }

    /** How many decisions and adjustments the failure policy made instead of Redis, since start. */
    public long fallbackCount() {
        return availability.fallbacks();
    }
}
