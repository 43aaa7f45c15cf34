package dev.resilience.sample.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.sample.gateway.GatewayConfiguration;
import dev.resilience.sample.modelserver.Chaos;
import dev.resilience.sample.modelserver.ChaosMode;
import dev.resilience.sample.modelserver.SimulatedModelServer;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.RateLimiterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two hundred concurrent clients drive the guarded gateway over loopback HTTP while the large
 * model fails for the middle third of the run. Every request ends as exactly one of 200 (model or
 * fallback), 429 (tenant limit) or 503 (no model), within its timeout; no tenant is admitted more
 * than its limit allows over the elapsed time; the breaker opens during the outage and closes
 * after it; threads and heap stay within the bounds of the configured pools.
 *
 * <p>The default build runs a short burst; {@code -Pload} runs the sustained version (duration
 * from the {@code load.duration} system property, 25 seconds by default).
 */
@GuardedGatewayTest
class GatewayLoadTest {

    private static final int CLIENTS = 200;

    private static final int TENANTS = 20;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Tomcat's default worker pool, the embedded model server's pool, and slack for JVM threads. */
    /** The test client's HTTP worker threads. */
    private static final int CLIENT_IO_THREADS = 16;

    /**
     * Tomcat's workers and acceptors, the model server's pool, the gateway's model client
     * workers, and one selector thread for each of the two HTTP clients.
     */
    private static final int SERVER_THREADS = 200 + 64 + 64 + GatewayConfiguration.MODEL_CLIENT_THREADS + 2;

    @LocalServerPort
    int port;

    @Autowired
    RateLimiterRegistry limiters;

    @Autowired
    BreakerRegistry breakers;

    @Autowired
    SimulatedModelServer modelServer;

    @AfterEach
    void heal() {
        modelServer.inject("large", Chaos.HEALTHY);
    }

    @Test
    void shortBurstOfTwoHundredClients() throws Exception {
        run("burst", Duration.ofSeconds(4));
    }

    @Test
    @Tag("load")
    void sustainedLoadOfTwoHundredClients() throws Exception {
        run("sustained", Duration.parse(System.getProperty("load.duration", "PT25S")));
    }

    private void run(String name, Duration duration) throws Exception {
        warmUp(name);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        Tally tally = new Tally();
        AtomicLong peakThreads = new AtomicLong();
        ExecutorService clientIo = Executors.newFixedThreadPool(CLIENT_IO_THREADS);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientIo)
                .build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                String tenant = name + "-tenant-" + (c % TENANTS);
                running.add(clients.submit(() -> drive(http, tenant, deadline, tally)));
            }
            long outageStart = start + duration.toNanos() / 3;
            long outageEnd = start + 2 * duration.toNanos() / 3;
            boolean outage = false;
            boolean over = false;
            while (!over && System.nanoTime() < deadline + REQUEST_TIMEOUT.toNanos()) {
                peakThreads.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                long now = System.nanoTime();
                if (!outage && now >= outageStart) {
                    modelServer.inject("large", new Chaos(ChaosMode.FAIL, 503, 0, 0));
                    outage = true;
                }
                if (outage && now >= outageEnd) {
                    modelServer.inject("large", Chaos.HEALTHY);
                }
                over = running.stream().allMatch(Future::isDone);
                Thread.sleep(50);
            }
            for (Future<?> client : running) {
                client.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            clientIo.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS))
                    .as("client threads end")
                    .isTrue();
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf(
                "Load %s: %d clients, %.1f s, %d sent: %d primary, %d fallback, %d limited (429), %d unavailable"
                        + " (503)%n",
                name,
                CLIENTS,
                elapsed / 1e9,
                tally.sent.sum(),
                tally.primary.sum(),
                tally.fallback.sum(),
                tally.limited.sum(),
                tally.unavailable.sum());

        // Every request ended as exactly one outcome, none hung, none was lost.
        assertThat(tally.other)
                .as("unexpected answers: %s", tally.otherStatuses)
                .hasValue(0);
        assertThat(tally.timedOut).as("requests that hit their timeout").hasValue(0);
        assertThat(tally.failed).as("requests that failed in transport").hasValue(0);
        assertThat(tally.primary.sum() + tally.fallback.sum() + tally.limited.sum() + tally.unavailable.sum())
                .isEqualTo(tally.sent.sum());
        assertThat(tally.sent.sum()).isGreaterThan(CLIENTS);
        assertThat(tally.limited.sum()).as("429s").isPositive();
        assertThat(tally.fallback.sum())
                .as("answers of the fallback during the outage")
                .isPositive();

        // No tenant was admitted more than its limit allows over the whole run.
        RateLimitConfig limit = limiters.get(GuardedGatewayTest.TENANT_LIMIT).config();
        long bound = limit.capacity()
                + (long) Math.ceil((double) limit.refillPermits()
                        * elapsed
                        / limit.refillPeriod().toNanos());
        assertThat(tally.admittedByTenant).hasSize(TENANTS);
        tally.admittedByTenant.forEach((tenant, admitted) -> assertThat(admitted.sum())
                .as("admitted for %s, bound %d", tenant, bound)
                .isLessThanOrEqualTo(bound));

        // The breaker closes again once the model is healthy.
        HttpClient probe = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    send(probe, "premium-2");
                    return breakers.get(GuardedGatewayTest.LARGE_MODEL).state() == BreakerState.CLOSED;
                });

        // Threads stayed within the pools, and the heap is back near where it started.
        assertThat(peakThreads.get()).isLessThanOrEqualTo(threadsBefore + CLIENTS + CLIENT_IO_THREADS + SERVER_THREADS);
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(128L * 1024 * 1024);
    }

    /** Compiles the hot paths and opens connections, so that the run measures a warm gateway. */
    private void warmUp(String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService warmers = Executors.newFixedThreadPool(16);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                String tenant = name + "-warm-up-" + c;
                running.add(warmers.submit(() -> drive(http, tenant, deadline, new Tally())));
            }
            for (Future<?> warmer : running) {
                warmer.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            warmers.shutdownNow();
        }
    }

    private void drive(HttpClient http, String tenant, long deadline, Tally tally) {
        int i = 0;
        while (System.nanoTime() < deadline) {
            tally.sent.increment();
            try {
                HttpResponse<Void> response = http.send(request(tenant, i++), HttpResponse.BodyHandlers.discarding());
                tally.record(tenant, response);
            } catch (HttpTimeoutException e) {
                tally.timedOut.incrementAndGet();
            } catch (IOException e) {
                tally.failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tally.failed.incrementAndGet();
                return;
            }
        }
    }

    private void send(HttpClient http, String tenant) throws IOException, InterruptedException {
        http.send(request(tenant, 0), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(String tenant, int i) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Question " + (i % 50)
                + " of the load test\"}],\"max_tokens\":16}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Tenant", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** What the clients saw, counted as they saw it. */
    private static final class Tally {

        final LongAdder sent = new LongAdder();
        final LongAdder primary = new LongAdder();
        final LongAdder fallback = new LongAdder();
        final LongAdder limited = new LongAdder();
        final LongAdder unavailable = new LongAdder();
        final AtomicLong other = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> admittedByTenant = new ConcurrentHashMap<>();

        void record(String tenant, HttpResponse<?> response) {
            switch (response.statusCode()) {
                case 200 -> {
                    admittedByTenant
                            .computeIfAbsent(tenant, t -> new LongAdder())
                            .increment();
                    String servedBy =
                            response.headers().firstValue("X-Served-By").orElse("");
                    (servedBy.equals("primary") ? primary : fallback).increment();
                }
                case 429 -> limited.increment();
                case 503 -> {
                    // A 503 passed the tenant limit too: it spent the tenant's permit.
                    admittedByTenant
                            .computeIfAbsent(tenant, t -> new LongAdder())
                            .increment();
                    unavailable.increment();
                }
                default -> {
                    other.incrementAndGet();
                    otherStatuses
                            .computeIfAbsent(response.statusCode(), s -> new LongAdder())
                            .increment();
                }
            }
        }
    }
}
