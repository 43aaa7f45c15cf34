package dev.resilience.spring.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.RateLimited;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * A flood of random keys (a tenant header an attacker controls) through a keyed limit never holds
 * more keys than {@code resilience.ratelimiter.max-keys}; keys already known keep being served
 * while the map is full of busy keys, and idle keys make room again once their buckets refill.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "resilience.ratelimiter.max-keys=" + KeyCardinalityAttackTest.MAX_KEYS)
class KeyCardinalityAttackTest {

    static final int MAX_KEYS = 2_000;

    private static final int THREADS = 4;

    private static final int KEYS_PER_THREAD = 60_000;

    @Autowired
    Tenants tenants;

    @Autowired
    RateLimiterRegistry registry;

    @Autowired
    ManualTimeSource time;

    @Test
    void randomTenantFloodNeverHoldsMoreThanTheMaximumAndKnownTenantsKeepWorking() throws Exception {
        assertThat(tenants.serve("loyal")).isEqualTo("loyal");
        KeyedRateLimiter limiter = registry.get("per-tenant");

        Flood frozen = flood(limiter);

        assertThat(frozen.admitted() + frozen.rejected()).isEqualTo((long) THREADS * KEYS_PER_THREAD);
        assertThat(frozen.largestSize()).isLessThanOrEqualTo(MAX_KEYS);
        // The clock is frozen: no key is idle, so only the free slots went to new keys.
        assertThat(frozen.admitted()).isEqualTo(MAX_KEYS - 1);
        assertThat(tenants.serve("loyal")).as("a known tenant during the flood").isEqualTo("loyal");

        time.advance(Duration.ofMinutes(1));
        Flood refilled = flood(limiter);

        assertThat(refilled.largestSize()).isLessThanOrEqualTo(MAX_KEYS);
        assertThat(limiter.size()).isLessThanOrEqualTo(MAX_KEYS);
        // Idle buckets were evicted to make room for some of the new keys.
        assertThat(refilled.admitted()).isGreaterThan(0);
    }

    private Flood flood(KeyedRateLimiter limiter) throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        LongAccumulator largest = new LongAccumulator(Math::max, 0);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        try {
                            tenants.serve(UUID.randomUUID().toString());
                            admitted.incrementAndGet();
                        } catch (RateLimitExceededException e) {
                            rejected.incrementAndGet();
                        }
                        if (i % 512 == 0) {
                            largest.accumulate(limiter.size());
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        largest.accumulate(limiter.size());
        return new Flood(admitted.get(), rejected.get(), largest.get());
    }

    private record Flood(long admitted, long rejected, long largestSize) {}

    /** A limit of ten calls per minute per tenant, the tenant chosen by the caller. */
    public static class Tenants {

        @RateLimited(name = "per-tenant", key = "#p0", capacity = 10, period = "1m")
        public String serve(String tenant) {
            return tenant;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ManualTimeSource timeSource() {
            return ManualTimeSource.create();
        }

        @Bean
        Tenants tenants() {
            return new Tenants();
        }
    }
}
