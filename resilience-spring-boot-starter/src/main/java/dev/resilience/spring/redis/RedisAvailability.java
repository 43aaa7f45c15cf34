package dev.resilience.spring.redis;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.FailureDetection;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every Redis call of one store: after a number of failures in a row it stops trying
 * Redis for the retry interval (an internal circuit breaker), lets the caller's fallback decide
 * meanwhile, and reports the outage once.
 *
 * <p>One WARN line is logged when the store degrades and one INFO line when Redis answers again,
 * never one per call.
 */
final class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiterStore.class);

    private final Breaker breaker;
    private final String policy;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final LongAdder fallbacks = new LongAdder();

    RedisAvailability(int failureThreshold, Duration retryInterval, RedisFailurePolicy policy, TimeSource time) {
        BreakerConfig config = BreakerConfig.builder()
                .failureDetection(FailureDetection.CONSECUTIVE)
                .failureThreshold(failureThreshold)
                .waitDurationInOpenState(retryInterval)
                .permittedCallsInHalfOpenState(1)
                .eventBufferSize(0)
                .build();
        this.breaker = Breakers.create("redis-rate-limiter-store", config, time);
        this.policy = policy.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Runs {@code redisCall} unless Redis is known to be down; on failure, or while Redis is
     * skipped, returns {@code fallback} given how long until Redis is tried again (0 if unknown).
     */
    <T> T call(Supplier<T> redisCall, LongFunction<T> fallback) {
        Permission permission = breaker.tryAcquirePermission();
        if (!permission.permitted()) {
            fallbacks.increment();
            return fallback.apply(permission.retryAfterNanos());
        }
        T result;
        try {
            result = redisCall.get();
        } catch (RuntimeException e) {
            breaker.onFailure(permission, 0, e);
            if (degraded.compareAndSet(false, true)) {
                log.warn(
                        "Redis rate limiter store unreachable ({}); applying failure policy '{}' until it"
                                + " answers again",
                        e.toString(),
                        policy);
            }
            fallbacks.increment();
            return fallback.apply(0);
        }
        breaker.onSuccess(permission, 0);
        if (degraded.compareAndSet(true, false)) {
            log.info("Redis rate limiter store reachable again; limits are shared through Redis");
        }
        return result;
    }

    /** Whether the last Redis call failed or Redis is currently skipped. */
    boolean isDegraded() {
        return degraded.get();
    }

    /** Decisions and adjustments made by the failure policy instead of Redis, since start. */
    long fallbacks() {
        return fallbacks.sum();
    }
}
