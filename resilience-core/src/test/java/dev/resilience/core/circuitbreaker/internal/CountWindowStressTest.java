package dev.resilience.core.circuitbreaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The count window's totals under contention, with the ring wrapping many times over: once the
 * racing calls are done, the totals describe exactly what the ring holds.
 */
class CountWindowStressTest {

    private static final int THREADS = 16;

    private static final int SIZE = 100;

    @Test
    void totalsEqualTheRingOnceEveryRacingCallHasFinished() throws Exception {
        CountWindow window = new CountWindow(BreakerConfig.builder()
                .slidingWindowSize(SIZE)
                .slowCallDurationThreshold(Duration.ofSeconds(1))
                .build());

        race(window);
        OutcomeWindow.Totals afterRace = window.totals(0);
        for (int i = 0; i < SIZE; i++) {
            window.record(false, false, 0);
        }
        OutcomeWindow.Totals afterSuccesses = window.totals(0);
        for (int i = 0; i < SIZE; i++) {
            window.record(true, true, 0);
        }

        assertThat(afterRace.calls()).isEqualTo(SIZE);
        assertThat(afterRace.failed()).isBetween(0, SIZE);
        assertThat(afterRace.slow()).isBetween(0, SIZE);
        assertThat(afterSuccesses).isEqualTo(new OutcomeWindow.Totals(SIZE, 0, 0));
        assertThat(window.totals(0)).isEqualTo(new OutcomeWindow.Totals(SIZE, SIZE, SIZE));
    }

    private static void race(CountWindow window) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    // Mostly successes, so the read-only path for a success races with writers.
                    int kind = (i + thread) % 8;
                    window.record(kind == 1 || kind == 3, kind == 2 || kind == 3, 0);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
}
