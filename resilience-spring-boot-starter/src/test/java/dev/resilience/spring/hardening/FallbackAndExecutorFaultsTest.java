package dev.resilience.spring.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.circuitbreaker.BreakerSnapshot;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.annotation.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * A fallback that throws, and an executor that rejects the work of an asynchronous guarded
 * method: the caller sees the real exception, unwrapped, and the breaker counts the original
 * failure exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "resilience.circuitbreaker.defaults.sliding-window-size=10",
            "resilience.circuitbreaker.defaults.minimum-number-of-calls=10"
        })
class FallbackAndExecutorFaultsTest {

    @Autowired
    Faulty faulty;

    @Autowired
    BreakerRegistry breakers;

    @BeforeEach
    void reset() {
        breakers.all().forEach(breaker -> breaker.transitionTo(BreakerState.CLOSED));
        Faulty.FALLBACKS.set(0);
    }

    @Test
    void uncheckedExceptionOfAFallbackPropagatesUnwrappedAndTheFailureCountsOnce() {
        assertThatThrownBy(() -> faulty.brokenFallback("a"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("fallback broke too")
                .hasNoCause();

        BreakerSnapshot snapshot = breakers.get("broken-fallback").snapshot();
        assertThat(snapshot.bufferedCalls()).isEqualTo(1);
        assertThat(snapshot.failedCalls()).isEqualTo(1);
        assertThat(Faulty.FALLBACKS).hasValue(1);
    }

    @Test
    void checkedExceptionOfAFallbackPropagatesUnwrapped() {
        assertThatThrownBy(() -> faulty.checkedFallback("a"))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("fallback cannot read either");

        BreakerSnapshot snapshot = breakers.get("checked-fallback").snapshot();
        assertThat(snapshot.bufferedCalls()).isEqualTo(1);
        assertThat(snapshot.failedCalls()).isEqualTo(1);
    }

    @Test
    void rejectedExecutionOfAnAsyncMethodIsAFailedFutureCountedOnce() {
        CompletableFuture<String> future = faulty.rejected("a");

        assertThat(future)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withCauseExactlyInstanceOf(RejectedExecutionException.class);
        BreakerSnapshot snapshot = breakers.get("rejecting-executor").snapshot();
        assertThat(snapshot.bufferedCalls()).isEqualTo(1);
        assertThat(snapshot.failedCalls()).isEqualTo(1);
    }

    @Test
    void rejectedExecutionIsRecoveredByAnAsyncFallback() {
        assertThat(faulty.rejectedWithFallback("a"))
                .succeedsWithin(5, TimeUnit.SECONDS)
                .isEqualTo("queued later: a");

        BreakerSnapshot snapshot = breakers.get("rejecting-executor-fallback").snapshot();
        assertThat(snapshot.failedCalls()).isEqualTo(1);
        assertThat(Faulty.FALLBACKS).hasValue(1);
    }

    @Test
    void rejectionsOpenTheBreakerLikeAnyOtherFailure() {
        for (int i = 0; i < 10; i++) {
            faulty.rejected("a");
        }

        assertThat(breakers.get("rejecting-executor").state()).isEqualTo(BreakerState.OPEN);
    }

    /** Guarded methods whose fallbacks or executors fail. */
    public static class Faulty {

        static final AtomicInteger FALLBACKS = new AtomicInteger();

        private final Executor rejecting = task -> {
            throw new RejectedExecutionException("queue full");
        };

        @CircuitBreaker(name = "broken-fallback", fallbackMethod = "breakAgain")
        public String brokenFallback(String input) {
            throw new IllegalArgumentException("original failure");
        }

        String breakAgain(String input, Throwable failure) {
            FALLBACKS.incrementAndGet();
            throw new IllegalStateException("fallback broke too");
        }

        @CircuitBreaker(name = "checked-fallback", fallbackMethod = "readAgain")
        public String checkedFallback(String input) throws IOException {
            throw new IOException("cannot read");
        }

        String readAgain(String input, IOException failure) throws IOException {
            throw new IOException("fallback cannot read either");
        }

        @CircuitBreaker(name = "rejecting-executor")
        public CompletableFuture<String> rejected(String input) {
            return CompletableFuture.supplyAsync(() -> "done: " + input, rejecting);
        }

        @CircuitBreaker(name = "rejecting-executor-fallback", fallbackMethod = "later")
        public CompletableFuture<String> rejectedWithFallback(String input) {
            return CompletableFuture.supplyAsync(() -> "done: " + input, rejecting);
        }

        CompletableFuture<String> later(String input, RejectedExecutionException failure) {
            FALLBACKS.incrementAndGet();
            return CompletableFuture.completedFuture("queued later: " + input);
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
        Faulty faulty() {
            return new Faulty();
        }
    }
}
