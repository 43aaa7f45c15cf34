package dev.resilience.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiters;
import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registries create each instance once and announce it once, however many threads ask. */
class RegistryConcurrencyTest {

    private static final int THREADS = 16;

    private static final int NAMES = 50;

    private final ManualTimeSource time = ManualTimeSource.create();

    @Test
    void limiterRegistryCreatesAndAnnouncesEachNameExactlyOnce() throws Exception {
        AtomicInteger created = new AtomicInteger();
        RateLimiterRegistry registry = new RateLimiterRegistry(
                (name, config) -> {
                    created.incrementAndGet();
                    return RateLimiters.keyed(name, config, time, 100);
                },
                (name, defaults) -> RateLimitConfig.perPeriod(10, Duration.ofSeconds(1)),
                List.of());
        AtomicInteger announced = new AtomicInteger();
        registry.onCreation(limiter -> announced.incrementAndGet());

        Set<KeyedRateLimiter> seen = hammer(name -> registry.get(name, RateLimitDefaults.none(name)));

        assertThat(seen).hasSize(NAMES);
        assertThat(created).hasValue(NAMES);
        assertThat(announced).hasValue(NAMES);
    }

    @Test
    void breakerRegistryCreatesAndAnnouncesEachNameExactlyOnce() throws Exception {
        BreakerRegistry registry = new BreakerRegistry(name -> BreakerConfig.defaults(), time, List.of());
        AtomicInteger announced = new AtomicInteger();
        registry.onCreation(breaker -> announced.incrementAndGet());

        Set<Breaker> seen = hammer(registry::get);

        assertThat(seen).hasSize(NAMES);
        assertThat(registry.all()).hasSize(NAMES);
        assertThat(announced).hasValue(NAMES);
    }

    private static <T> Set<T> hammer(java.util.function.Function<String, T> get) throws Exception {
        Set<T> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        for (int n = 0; n < NAMES; n++) {
                            seen.add(get.apply("name-" + n));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return seen;
    }
}
