package dev.resilience.core.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads at once: exact counts, one transition, the permitted number of probes. */
class BreakerStressTest {

    private static final int THREADS = 16;

    private final ManualTimeSource time = ManualTimeSource.create();

    @Test
    void theClosedWindowCountsEveryOutcomeExactlyUnderContention() throws Exception {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(1_000)
                        .minimumNumberOfCalls(1_000)
                        .failureRateThreshold(100)
                        .build(),
                time);

        runConcurrently(() -> {
            for (int i = 0; i < 25; i++) {
                Permission success = breaker.tryAcquirePermission();
                breaker.onSuccess(success, breaker.startTime());
                Permission failure = breaker.tryAcquirePermission();
                breaker.onFailure(failure, breaker.startTime(), new IOException("down"));
            }
        });

        BreakerSnapshot snapshot = breaker.snapshot();
        assertThat(snapshot.bufferedCalls()).isEqualTo(THREADS * 50);
        assertThat(snapshot.failedCalls()).isEqualTo(THREADS * 25);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void manyFailingThreadsOpenTheBreakerExactlyOnce() throws Exception {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(100)
                        .minimumNumberOfCalls(50)
                        .build(),
                time);
        List<BreakerEvent> transitions = transitionsOf(breaker);
        AtomicInteger admitted = new AtomicInteger();

        runConcurrently(() -> {
            for (int i = 0; i < 200; i++) {
                Permission permission = breaker.tryAcquirePermission();
                if (permission.permitted()) {
                    admitted.incrementAndGet();
                    breaker.onFailure(permission, breaker.startTime(), new IOException("down"));
                }
            }
        });

        assertThat(transitions).extracting(BreakerEvent::to).containsExactly(BreakerState.OPEN);
        assertThat(breaker.snapshot().notPermittedCalls()).isEqualTo(THREADS * 200L - admitted.get());
    }

    @Test
    void halfOpenAdmitsExactlyThePermittedProbesAndClosesOnceTheySucceed() throws Exception {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .failureDetection(FailureDetection.CONSECUTIVE)
                        .failureThreshold(1)
                        .permittedCallsInHalfOpenState(5)
                        .build(),
                time);
        Permission first = breaker.tryAcquirePermission();
        breaker.onFailure(first, breaker.startTime(), new IOException("down"));
        List<BreakerEvent> transitions = transitionsOf(breaker);
        time.advance(Duration.ofSeconds(30));
        List<Permission> probes = new CopyOnWriteArrayList<>();

        runConcurrently(() -> {
            for (int i = 0; i < 100; i++) {
                Permission permission = breaker.tryAcquirePermission();
                if (permission.permitted()) {
                    probes.add(permission);
                }
            }
        });
        assertThat(probes).hasSize(5);
        runConcurrently(() -> {
            for (Permission probe : probes) {
                breaker.onSuccess(probe, breaker.startTime());
            }
        });

        assertThat(transitions)
                .extracting(BreakerEvent::to)
                .containsExactly(BreakerState.HALF_OPEN, BreakerState.CLOSED);
        assertThat(breaker.snapshot().notPermittedCalls()).isEqualTo(THREADS * 100L - 5);
    }

    private static List<BreakerEvent> transitionsOf(Breaker breaker) {
        List<BreakerEvent> transitions = new CopyOnWriteArrayList<>();
        breaker.addListener(event -> {
            if (event.type() == BreakerEvent.Type.STATE_TRANSITION) {
                transitions.add(event);
            }
        });
        return transitions;
    }

    private static void runConcurrently(Runnable work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                work.run();
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
}
