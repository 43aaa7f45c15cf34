package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.redis.LimiterScript.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A keyed limiter whose state lives in Redis: every acquire, peek or adjustment is one script
 * call, decided atomically by Redis on Redis time.
 *
 * <p>{@link #size()} returns -1: the keys live in Redis, which would have to be scanned to count
 * them, and each expires on its own once its limit has refilled.
 */
final class RedisKeyedRateLimiter implements KeyedRateLimiter {

    private static final long DENY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final RateLimitConfig config;
    private final LimiterScript script;
    private final String keyStart;
    private final String keyEnd;
    private final ScriptRunner runner;
    private final RedisAvailability availability;
    private final RedisFailurePolicy policy;
    private final KeyedRateLimiter local;

    RedisKeyedRateLimiter(
            String name,
            RateLimitConfig config,
            String keyPrefix,
            ScriptRunner runner,
            RedisAvailability availability,
            RedisFailurePolicy policy,
            KeyedRateLimiter local) {
        this.name = name;
        this.config = config;
        this.script = LimiterScript.of(config);
        this.keyStart = keyPrefix + "{" + name + ":";
        this.keyEnd = "}:" + script.keySuffix();
        this.runner = runner;
        this.availability = availability;
        this.policy = policy;
        this.local = local;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RateLimitConfig config() {
        return config;
    }

    @Override
    public Decision tryAcquire(String key, long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
        }
        if (permits > config.capacity()) {
            // Can never pass: answered without asking Redis.
            return Decision.reject(permits, 0, config.capacity(), Long.MAX_VALUE, 0);
        }
        return availability.call(
                () -> script.decide(Op.ACQUIRE, permits, run(key, Op.ACQUIRE, permits)),
                retryAfter -> fallbackAcquire(key, permits, retryAfter));
    }

    @Override
    public void adjust(String key, long delta) {
        if (delta == 0) {
            return;
        }
        Op op = delta > 0 ? Op.CHARGE : Op.REFUND;
        long amount = delta == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(delta);
        availability.call(() -> run(key, op, amount), retryAfter -> {
            if (policy == RedisFailurePolicy.LOCAL) {
                local.adjust(key, delta);
            }
            return List.of();
        });
    }

    @Override
    public Decision peek(String key) {
        return availability.call(
                () -> script.decide(Op.PEEK, 1, run(key, Op.PEEK, 1)), retryAfter -> fallbackPeek(key, retryAfter));
    }

    /** Always -1: the keys live in Redis; see the class description. */
    @Override
    public int size() {
        return -1;
    }

    /** The Redis key holding the state of {@code key} under this limit. */
    String redisKey(String key) {
        return keyStart + key + keyEnd;
    }

    private List<Object> run(String key, Op op, long amount) {
        byte[] redisKey = redisKey(key).getBytes(StandardCharsets.UTF_8);
        return runner.run(script.script(), redisKey, script.args(op, amount));
    }

    private Decision fallbackAcquire(String key, long permits, long retryAfter) {
        long capacity = config.capacity();
        return switch (policy) {
            case ALLOW -> Decision.allow(permits, capacity - permits, capacity, 0);
            case DENY -> Decision.reject(permits, 0, capacity, retryAfter > 0 ? retryAfter : DENY_RETRY_NANOS, 0);
            case LOCAL -> local.tryAcquire(key, permits);
        };
    }

    private Decision fallbackPeek(String key, long retryAfter) {
        long capacity = config.capacity();
        return switch (policy) {
            case ALLOW -> Decision.allow(1, capacity, capacity, 0);
            case DENY -> Decision.reject(1, 0, capacity, retryAfter > 0 ? retryAfter : DENY_RETRY_NANOS, 0);
            case LOCAL -> local.peek(key);
        };
    }
}
