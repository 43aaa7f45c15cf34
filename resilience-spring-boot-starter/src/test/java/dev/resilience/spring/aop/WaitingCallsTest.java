package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.annotation.RateLimited;
import dev.resilience.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.resilience.spring.autoconfigure.RateLimiterAutoConfiguration;
import dev.resilience.spring.metrics.ResilienceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

/**
 * A granted call that must wait (a configured maximum wait) parks a synchronous caller, but an
 * asynchronous one is started later instead, leaving the caller's thread free.
 */
class WaitingCallsTest {

    /**
     * One permit per period of the fake clock, which stands still, so a second call must wait a
     * whole period: two seconds for the asynchronous methods (long enough to see that the caller
     * was not parked), 100ms for the synchronous one.
     */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class))
            .withBean(TimeSource.class, ManualTimeSource::create)
            .withBean(Waits.class)
            .withBean(Service.class)
            .withPropertyValues(
                    "resilience.ratelimiter.instances.paced.capacity=1",
                    "resilience.ratelimiter.instances.paced.period=2s",
                    "resilience.ratelimiter.instances.paced.max-wait=5s",
                    "resilience.ratelimiter.instances.quick.capacity=1",
                    "resilience.ratelimiter.instances.quick.period=100ms",
                    "resilience.ratelimiter.instances.quick.max-wait=1s");

    @Test
    void aFutureMethodThatMustWaitIsStartedLaterOnAnotherThread() {
        runner.run(context -> {
            Service service = context.getBean(Service.class);
            service.future().join();

            CompletableFuture<String> waiting = service.future();

            assertThat(waiting).isNotDone();
            assertThat(service.threads()).hasSize(1);
            await().atMost(10, TimeUnit.SECONDS).until(waiting::isDone);
            assertThat(waiting.join()).isNotEqualTo(Thread.currentThread().getName());
            assertThat(context.getBean(Waits.class).waits)
                    .hasSize(1)
                    .first()
                    .satisfies(wait -> assertThat(wait).isPositive());
        });
    }

    @Test
    void aMonoMethodThatMustWaitIsDelayedNotParked() {
        runner.run(context -> {
            Service service = context.getBean(Service.class);
            service.mono().block();

            Mono<String> waiting = service.mono();
            String thread = waiting.block(Duration.ofSeconds(10));

            assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
            assertThat(context.getBean(Waits.class).waits).hasSize(1);
        });
    }

    @Test
    void aSynchronousMethodThatMustWaitRunsOnTheCallersThread() {
        runner.run(context -> {
            Service service = context.getBean(Service.class);
            service.sync();

            String thread = service.sync();

            assertThat(thread).isEqualTo(Thread.currentThread().getName());
            assertThat(context.getBean(Waits.class).waits).hasSize(1);
        });
    }

    @Test
    void waitsAreRecordedInATimerNamedByLimiter() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilienceMetrics metrics = new ResilienceMetrics(null, null);
        metrics.bindTo(meters);

        metrics.onRateLimitWait("paced", TimeUnit.MILLISECONDS.toNanos(80));

        assertThat(meters.get("resilience.ratelimiter.wait")
                        .tag("name", "paced")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("resilience.ratelimiter.wait").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(80);
    }

    /** Hears every wait. */
    static class Waits implements CallObserver {

        final List<Long> waits = new CopyOnWriteArrayList<>();

        @Override
        public void onRateLimitWait(String limiter, long waitNanos) {
            waits.add(waitNanos);
        }
    }

    /** Each method answers with the name of the thread it ran on. */
    static class Service {

        private final List<String> threads = new CopyOnWriteArrayList<>();

        public List<String> threads() {
            return threads;
        }

        @RateLimited(name = "paced")
        public CompletableFuture<String> future() {
            threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @RateLimited(name = "paced")
        public Mono<String> mono() {
            return Mono.fromSupplier(() -> Thread.currentThread().getName());
        }

        @RateLimited(name = "quick")
        public String sync() {
            return Thread.currentThread().getName();
        }
    }
}
