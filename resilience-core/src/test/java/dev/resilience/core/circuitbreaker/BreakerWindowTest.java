package dev.resilience.core.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failure detection by sliding windows: rates, minimum calls, slow calls, predicates. */
class BreakerWindowTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    @Test
    void theFailureRateIsNotComputedBeforeTheMinimumAndOpensOnTheCallThatReachesIt() {
        // Case B1.
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .build(),
                time);
        for (int i = 0; i < 9; i++) {
            fail(breaker, new IOException("down"));
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().failureRate()).isEqualTo(BreakerSnapshot.NOT_COMPUTED);
        assertThat(breaker.snapshot().bufferedCalls()).isEqualTo(9);

        succeed(breaker, Duration.ZERO);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().failureRate()).isEqualTo(90f);
        assertThat(breaker.recentEvents())
                .last()
                .extracting(BreakerEvent::reason)
                .asString()
                .startsWith("failure rate 90.0% >= 50.0%");
    }

    @Test
    void anIgnoredExceptionCountsAsNeitherSuccessNorFailureEvenWhenItIsAlsoRecorded() {
        // Case B2.
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(4)
                        .recordFailure(e -> e instanceof IOException)
                        .ignoreFailure(e -> e instanceof FileNotFoundException)
                        .build(),
                time);

        fail(breaker, new FileNotFoundException("missing"));
        fail(breaker, new IllegalStateException("not recorded: a success"));
        fail(breaker, new IOException("recorded"));

        BreakerSnapshot snapshot = breaker.snapshot();
        assertThat(snapshot.bufferedCalls()).isEqualTo(2);
        assertThat(snapshot.failedCalls()).isEqualTo(1);
    }

    @Test
    void slowSuccessfulCallsOpenTheBreakerAndStillReturn() {
        // Case B3.
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(4)
                        .slowCallDurationThreshold(Duration.ofMillis(200))
                        .slowCallRateThreshold(50)
                        .build(),
                time);

        succeed(breaker, Duration.ofMillis(100));
        succeed(breaker, Duration.ofMillis(100));
        succeed(breaker, Duration.ofMillis(300));
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        succeed(breaker, Duration.ofMillis(300));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().slowCallRate()).isEqualTo(50f);
        assertThat(breaker.snapshot().slowCalls()).isEqualTo(2);
        assertThat(breaker.snapshot().failedCalls()).isZero();
    }

    @Test
    void theCountWindowForgetsTheOldestCall() {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(4)
                        .build(),
                time);

        fail(breaker, new IOException("old"));
        succeed(breaker, Duration.ZERO);
        succeed(breaker, Duration.ZERO);
        succeed(breaker, Duration.ZERO);
        succeed(breaker, Duration.ZERO);
        fail(breaker, new IOException("new"));

        assertThat(breaker.snapshot().failureRate()).isEqualTo(25f);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void theTimeWindowCountsOnlyTheCallsOfTheLastSeconds() {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .failureDetection(FailureDetection.TIME_WINDOW)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(4)
                        .build(),
                time);
        for (int i = 0; i < 3; i++) {
            fail(breaker, new IOException("early"));
        }

        time.advance(Duration.ofSeconds(10));
        fail(breaker, new IOException("late"));
        succeed(breaker, Duration.ZERO);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().bufferedCalls()).isEqualTo(2);

        time.advance(Duration.ofSeconds(3));
        fail(breaker, new IOException("again"));
        fail(breaker, new IOException("again"));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aWindowSmallerThanTheMinimumNumberOfCallsIsRefused() {
        BreakerConfig.Builder builder =
                BreakerConfig.builder().slidingWindowSize(5).minimumNumberOfCalls(10);

        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "minimumNumberOfCalls must be at most slidingWindowSize (5) with a count window, but was 10");
    }

    private void fail(Breaker breaker, Throwable error) {
        Permission permission = breaker.tryAcquirePermission();
        breaker.onFailure(permission, breaker.startTime(), error);
    }

    private void succeed(Breaker breaker, Duration taking) {
        Permission permission = breaker.tryAcquirePermission();
        long start = breaker.startTime();
        time.advance(taking);
        breaker.onSuccess(permission, start);
    }
}
