package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Asynchronous results are recorded when they complete, and rejections arrive as failures. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AsyncOutcomesTest {

    @Autowired
    AsyncService service;

    @Autowired
    BreakerRegistry breakers;

    @BeforeEach
    void closeBreakers() {
        breakers.all().forEach(breaker -> breaker.transitionTo(BreakerState.CLOSED));
    }

    // Case P2.
    @Test
    void futureFailingLaterIsRecordedAsAFailureWhenItCompletes() {
        Breaker breaker = breakers.get("future");

        // The call returns a future that fails later, when the test says so (case P2 uses
        // 50 ms; completing it by hand keeps the "not yet recorded" check independent of speed).
        CompletableFuture<String> outcome = new CompletableFuture<>();
        CompletableFuture<String> result = service.completeLater(outcome);

        assertThat(breaker.snapshot().bufferedCalls()).isZero();
        outcome.completeExceptionally(new IllegalStateException("late failure"));
        await().atMost(Duration.ofSeconds(5)).until(result::isDone);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(breaker.snapshot().failedCalls()).isEqualTo(1));
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void openBreakerReturnsAnAlreadyFailedFutureInsteadOfThrowing() {
        breakers.get("future").transitionTo(BreakerState.OPEN);

        CompletableFuture<String> result = service.failLater(50);

        assertThat(result)
                .isCompletedExceptionally()
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void asyncFallbackAnswersAFailedStage() {
        CompletionStage<String> result = service.stageWithFallback();

        assertThat(result.toCompletableFuture())
                .succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo("fallback");
    }

    @Test
    void fallbackReturningAnyStageServesAMethodDeclaringCompletableFuture() {
        breakers.get("declared-future").transitionTo(BreakerState.OPEN);

        CompletableFuture<String> result = service.declaredFuture();

        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("minimal fallback");
    }

    @Test
    void rateLimitRejectionOfAFutureIsAFailedFuture() {
        service.limitedFuture();

        assertThat(service.limitedFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void monoIsRecordedOnItsTerminalSignal() {
        Breaker breaker = breakers.get("mono");

        Mono<String> result = service.monoFailure();

        assertThat(breaker.snapshot().bufferedCalls()).isZero();
        StepVerifier.create(result).expectError(IllegalStateException.class).verify(Duration.ofSeconds(5));
        assertThat(breaker.snapshot().failedCalls()).isEqualTo(1);
    }

    @Test
    void monoNeverSubscribedRecordsNothing() {
        Breaker breaker = breakers.get("mono");
        long before = breaker.snapshot().bufferedCalls();

        service.monoFailure();

        assertThat(breaker.snapshot().bufferedCalls()).isEqualTo(before);
    }

    @Test
    void openBreakerGivesAnErrorSignalNotAThrow() {
        breakers.get("mono").transitionTo(BreakerState.OPEN);

        Mono<String> result = service.monoFailure();

        StepVerifier.create(result).expectError(CallNotPermittedException.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void fluxFallbackReplacesTheFailedStream() {
        StepVerifier.create(service.fluxWithFallback())
                .expectNext("a", "fallback")
                .verifyComplete();
        assertThat(breakers.get("flux").snapshot().failedCalls()).isEqualTo(1);
    }

    @Test
    void rateLimitedMonoIsChargedPerSubscription() {
        Mono<String> result = service.limitedMono();

        StepVerifier.create(result).expectNext("ok").verifyComplete();
        StepVerifier.create(result)
                .expectError(RateLimitExceededException.class)
                .verify(Duration.ofSeconds(5));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        AsyncService asyncService() {
            return new AsyncService();
        }
    }

    static class AsyncService {

        @CircuitBreaker(name = "future")
        public CompletableFuture<String> completeLater(CompletableFuture<String> outcome) {
            return outcome;
        }

        @CircuitBreaker(name = "future")
        public CompletableFuture<String> failLater(long millis) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        throw new IllegalStateException("late failure");
                    },
                    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        }

        @CircuitBreaker(name = "stage", fallbackMethod = "stageFallback")
        public CompletionStage<String> stageWithFallback() {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        CompletionStage<String> stageFallback(Throwable ex) {
            return CompletableFuture.completedFuture("fallback");
        }

        @CircuitBreaker(name = "declared-future", fallbackMethod = "minimalStage")
        public CompletableFuture<String> declaredFuture() {
            return CompletableFuture.completedFuture("ok");
        }

        CompletionStage<String> minimalStage(Throwable ex) {
            return CompletableFuture.completedFuture("minimal fallback").minimalCompletionStage();
        }

        @RateLimited(name = "futures", capacity = 1, period = "1h")
        public CompletableFuture<String> limitedFuture() {
            return CompletableFuture.completedFuture("ok");
        }

        @CircuitBreaker(name = "mono")
        public Mono<String> monoFailure() {
            return Mono.error(new IllegalStateException("down"));
        }

        @CircuitBreaker(name = "flux", fallbackMethod = "fluxFallback")
        public Flux<String> fluxWithFallback() {
            return Flux.just("a").concatWith(Flux.error(new IllegalStateException("down")));
        }

        Flux<String> fluxFallback(Throwable ex) {
            return Flux.just("fallback");
        }

        @RateLimited(name = "monos", capacity = 1, period = "1h")
        public Mono<String> limitedMono() {
            return Mono.just("ok");
        }
    }
}
