package dev.resilience.spring.metrics;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the breakers and limiters to Micrometer, every meter tagged with the instance
 * {@code name}:
 *
 * <ul>
 *   <li>{@code resilience.circuitbreaker.calls} (counter, tag {@code outcome}: {@code success},
 *       {@code error}, {@code not_permitted});
 *   <li>{@code resilience.circuitbreaker.state} (gauge, tag {@code state}: 1 for the current
 *       state, 0 for the others);
 *   <li>{@code resilience.circuitbreaker.failure.rate} and {@code
 *       resilience.circuitbreaker.slow.call.rate} (gauges, percent; -1 until computed);
 *   <li>{@code resilience.circuitbreaker.buffered.calls} (gauge) and {@code
 *       resilience.circuitbreaker.not.permitted.calls} (counter);
 *   <li>{@code resilience.ratelimiter.permits} (counter of permits, tag {@code result}: {@code
 *       acquired} or {@code rejected}, and {@code tier}: the annotation's tier, or {@code none})
 *       and {@code resilience.ratelimiter.calls} (counter of decisions, same tags);
 *   <li>{@code resilience.ratelimiter.keys} (gauge: keys holding state).
 * </ul>
 */
public final class ResilienceMetrics implements MeterBinder, CallObserver {

    /** The {@code tier} tag of calls whose limit has no tier expression. */
    public static final String NO_TIER = "none";

    private final BreakerRegistry breakers;

    private final RateLimiterRegistry limiters;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private volatile MeterRegistry registry;

    /**
     * Creates the binder.
     *
     * @param breakers the breakers to publish, or {@code null}
     * @param limiters the limiters to publish, or {@code null}
     */
    public ResilienceMetrics(BreakerRegistry breakers, RateLimiterRegistry limiters) {
        this.breakers = breakers;
        this.limiters = limiters;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        if (breakers != null) {
            breakers.onCreation(breaker -> bindBreaker(meterRegistry, breaker));
        }
        if (limiters != null) {
            limiters.onCreation(limiter -> bindLimiter(meterRegistry, limiter));
        }
    }

    @Override
    public void onRateLimit(String limiter, String tier, Decision decision) {
        String result = decision.allowed() ? "acquired" : "rejected";
        String tierTag = tier != null ? tier : NO_TIER;
        limiterCounter("resilience.ratelimiter.calls", limiter, tierTag, result).increment();
        limiterCounter("resilience.ratelimiter.permits", limiter, tierTag, result)
                .increment(decision.permits());
    }

    @Override
    public void onRateLimitWait(String limiter, long waitNanos) {
        MeterRegistry current = registry;
        if (current == null) {
            return;
        }
        timers.computeIfAbsent(
                        limiter,
                        name -> Timer.builder("resilience.ratelimiter.wait")
                                .description("How long granted calls waited before they ran")
                                .tag("name", name)
                                .register(current))
                .record(waitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onBreakerCall(String breaker, CallOutcome outcome) {
        counter(
                        "resilience.circuitbreaker.calls",
                        breaker,
                        "outcome",
                        outcome.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    private Counter limiterCounter(String meter, String name, String tier, String result) {
        MeterRegistry current = registry;
        if (current == null) {
            return NoopCounter.INSTANCE;
        }
        return counters.computeIfAbsent(
                meter + '\0' + name + '\0' + tier + '\0' + result,
                key -> Counter.builder(meter)
                        .tag("name", name)
                        .tag("tier", tier)
                        .tag("result", result)
                        .register(current));
    }

    private Counter counter(String meter, String name, String tag, String value) {
        MeterRegistry current = registry;
        if (current == null) {
            return NoopCounter.INSTANCE;
        }
        return counters.computeIfAbsent(
                meter + '\0' + name + '\0' + value,
                key -> Counter.builder(meter).tag("name", name).tag(tag, value).register(current));
    }

    private static void bindBreaker(MeterRegistry registry, Breaker breaker) {
        String name = breaker.name();
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder("resilience.circuitbreaker.state", breaker, b -> b.state() == state ? 1 : 0)
                    .tag("name", name)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(
                        "resilience.circuitbreaker.failure.rate",
                        breaker,
                        b -> b.snapshot().failureRate())
                .tag("name", name)
                .baseUnit("percent")
                .register(registry);
        Gauge.builder(
                        "resilience.circuitbreaker.slow.call.rate",
                        breaker,
                        b -> b.snapshot().slowCallRate())
                .tag("name", name)
                .baseUnit("percent")
                .register(registry);
        Gauge.builder(
                        "resilience.circuitbreaker.buffered.calls",
                        breaker,
                        b -> b.snapshot().bufferedCalls())
                .tag("name", name)
                .register(registry);
        FunctionCounter.builder(
                        "resilience.circuitbreaker.not.permitted.calls",
                        breaker,
                        b -> b.snapshot().notPermittedCalls())
                .tag("name", name)
                .register(registry);
    }

    private static void bindLimiter(MeterRegistry registry, KeyedRateLimiter limiter) {
        Gauge.builder("resilience.ratelimiter.keys", limiter, KeyedRateLimiter::size)
                .tag("name", limiter.name())
                .register(registry);
    }
}
