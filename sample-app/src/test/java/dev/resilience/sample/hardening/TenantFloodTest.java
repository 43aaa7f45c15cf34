package dev.resilience.sample.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.RateLimiterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client inventing a new {@code X-Tenant} for every request cannot make the gateway hold more
 * tenants than {@code resilience.ratelimiter.max-keys}: not through the limiter itself with a
 * quarter of a million keys, not over HTTP.
 */
@GuardedGatewayTest
class TenantFloodTest {

    private static final int THREADS = 4;

    @LocalServerPort
    int port;

    @Autowired
    RateLimiterRegistry limiters;

    /** Frees the slots the flood took, so that other classes sharing the context find room. */
    @AfterEach
    void evictTheFlood() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> limiters.all().stream().allMatch(limiter -> {
                    limiter.evictIdle();
                    return limiter.size() == 0;
                }));
    }

    @Test
    void quarterOfAMillionRandomTenantsThroughTheTenantLimitStayUnderTheMaximum() throws Exception {
        KeyedRateLimiter limiter = limiters.get(GuardedGatewayTest.TENANT_LIMIT);
        LongAccumulator largest = new LongAccumulator(Math::max, 0);

        inParallel(() -> {
            for (int i = 0; i < 62_500; i++) {
                limiter.tryAcquire(UUID.randomUUID().toString(), 1);
                if (i % 256 == 0) {
                    largest.accumulate(limiter.size());
                }
            }
        });

        assertThat(largest.get()).isLessThanOrEqualTo(GuardedGatewayTest.MAX_KEYS);
        assertThat(limiter.size()).isLessThanOrEqualTo(GuardedGatewayTest.MAX_KEYS);
    }

    @Test
    void randomTenantHeadersOverHttpGetOnlyDefinedAnswersAndStayUnderTheMaximum() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

        inParallel(() -> {
            for (int i = 0; i < 75; i++) {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Tenant", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"flood\"}],\"max_tokens\":4}"))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        });

        assertThat(statuses.keySet()).isSubsetOf(200, 429, 503);
        for (String name : List.of(GuardedGatewayTest.TENANT_LIMIT, "free-tokens")) {
            assertThat(limiters.get(name).size()).as(name).isLessThanOrEqualTo(GuardedGatewayTest.MAX_KEYS);
        }
    }

    private static void inParallel(ThrowingRunnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
