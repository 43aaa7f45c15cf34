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

class StateMachineBreakerTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    private final Breaker breaker = Breakers.create(
            "model",
            BreakerConfig.builder()
                    .failureDetection(FailureDetection.CONSECUTIVE)
                    .failureThreshold(3)
                    .waitDurationInOpenState(Duration.ofSeconds(10))
                    .permittedCallsInHalfOpenState(2)
                    .build(),
            time);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndRejectsWithRetryAfter() {
        fail(3);

        Permission rejected = breaker.tryAcquirePermission();

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(rejected.permitted()).isFalse();
        assertThat(rejected.retryAfterNanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.snapshot().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void aSuccessResetsTheConsecutiveCount() {
        fail(2);
        succeed(1);
        fail(2);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void halfOpenClosesOnlyAfterEveryProbeSucceeds() {
        fail(3);
        time.advance(Duration.ofSeconds(10));

        Permission first = breaker.tryAcquirePermission();
        Permission second = breaker.tryAcquirePermission();
        Permission third = breaker.tryAcquirePermission();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(third.permitted()).isFalse();

        breaker.onSuccess(first, breaker.startTime());
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        breaker.onSuccess(second, breaker.startTime());
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anyFailedProbeReopens() {
        fail(3);
        time.advance(Duration.ofSeconds(10));
        Permission probe = breaker.tryAcquirePermission();

        breaker.onFailure(probe, breaker.startTime(), new IOException("still down"));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquirePermission().permitted()).isFalse();
    }

    @Test
    void underContentionTheBreakerOpensExactlyOnceAndAdmitsExactlyThePermittedProbes() throws Exception {
        List<BreakerState> transitions = new CopyOnWriteArrayList<>();
        breaker.addListener(e -> {
            if (e.type() == BreakerEvent.Type.STATE_TRANSITION) {
                transitions.add(e.to());
            }
        });
        fail(3);
        time.advance(Duration.ofSeconds(10));
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);

        for (int t = 0; t < 16; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 100; i++) {
                    if (breaker.tryAcquirePermission().permitted()) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();

        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(admitted).hasValue(2);
        assertThat(transitions).containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN);
        assertThat(breaker.snapshot().notPermittedCalls()).isEqualTo(16 * 100 - 2);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            Permission p = breaker.tryAcquirePermission();
            breaker.onFailure(p, breaker.startTime(), new IOException("down"));
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            Permission p = breaker.tryAcquirePermission();
            breaker.onSuccess(p, breaker.startTime());
        }
    }
}
