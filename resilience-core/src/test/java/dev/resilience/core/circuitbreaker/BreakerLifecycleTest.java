package dev.resilience.core.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Open waits, half-open probes, forced states, events. */
class BreakerLifecycleTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    private Breaker breaker(BreakerConfig.Builder builder) {
        return Breakers.create(
                "model",
                builder.failureDetection(FailureDetection.CONSECUTIVE)
                        .failureThreshold(1)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedCallsInHalfOpenState(1)
                        .build(),
                time);
    }

    @Test
    void theOpenWaitGrowsOnEachReopeningUpToItsCapAndStartsOverAfterAClose() {
        Breaker breaker = breaker(
                BreakerConfig.builder().waitDurationMultiplier(2).maxWaitDurationInOpenState(Duration.ofSeconds(30)));
        fail(breaker);
        List<Long> waits = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            Permission rejected = breaker.tryAcquirePermission();
            waits.add(rejected.retryAfterNanos());
            time.advanceNanos(rejected.retryAfterNanos());
            fail(breaker);
        }
        time.advance(Duration.ofSeconds(30));
        succeed(breaker);
        fail(breaker);

        assertThat(waits).containsExactly(seconds(10), seconds(20), seconds(30), seconds(30));
        assertThat(breaker.tryAcquirePermission().retryAfterNanos()).isEqualTo(seconds(10));
    }

    @Test
    void aHungProbeSendsTheBreakerBackToOpenAfterTheMaximumWaitInHalfOpen() {
        Breaker breaker = breaker(BreakerConfig.builder().maxWaitDurationInHalfOpenState(Duration.ofSeconds(5)));
        fail(breaker);
        time.advance(Duration.ofSeconds(10));
        Permission hung = breaker.tryAcquirePermission();

        time.advance(Duration.ofSeconds(5));
        Permission next = breaker.tryAcquirePermission();
        breaker.onSuccess(hung, breaker.startTime());

        assertThat(hung.permitted()).isTrue();
        assertThat(next.permitted()).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.recentEvents())
                .extracting(BreakerEvent::reason)
                .contains("no probe outcome within the maximum wait in half-open");
    }

    @Test
    void aReleasedOrIgnoredProbeFreesItsSlot() {
        Breaker breaker = breaker(BreakerConfig.builder().ignoreFailure(e -> e instanceof InterruptedException));
        fail(breaker);
        time.advance(Duration.ofSeconds(10));

        Permission cancelled = breaker.tryAcquirePermission();
        assertThat(breaker.tryAcquirePermission().permitted()).isFalse();
        breaker.release(cancelled);
        Permission interrupted = breaker.tryAcquirePermission();
        breaker.onFailure(interrupted, breaker.startTime(), new InterruptedException());
        Permission probe = breaker.tryAcquirePermission();
        breaker.onSuccess(probe, breaker.startTime());

        assertThat(interrupted.permitted()).isTrue();
        assertThat(probe.permitted()).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aLateOutcomeFromAnEarlierPhaseChangesNothing() {
        Breaker breaker = breaker(BreakerConfig.builder());
        Permission slowCall = breaker.tryAcquirePermission();
        fail(breaker);

        breaker.onSuccess(slowCall, breaker.startTime());

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void disabledLetsEverythingThroughAndForcedOpenRejectsEverything() {
        Breaker breaker = breaker(BreakerConfig.builder());

        breaker.transitionTo(BreakerState.DISABLED);
        for (int i = 0; i < 5; i++) {
            fail(breaker);
        }
        BreakerState afterFailuresWhileDisabled = breaker.state();
        breaker.transitionTo(BreakerState.FORCED_OPEN);
        time.advance(Duration.ofDays(1));

        assertThat(afterFailuresWhileDisabled).isEqualTo(BreakerState.DISABLED);
        assertThat(breaker.tryAcquirePermission().permitted()).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.FORCED_OPEN);
        assertThat(breaker.recentEvents())
                .filteredOn(e -> e.type() == BreakerEvent.Type.STATE_TRANSITION)
                .extracting(BreakerEvent::to)
                .containsExactly(BreakerState.DISABLED, BreakerState.FORCED_OPEN);
    }

    @Test
    void eventsAreKeptInABoundedBufferOldestFirstWithOneRejectionPerPhaseAndAFailingListenerChangesNothing() {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .failureDetection(FailureDetection.CONSECUTIVE)
                        .failureThreshold(1)
                        .eventBufferSize(3)
                        .build(),
                time);
        List<BreakerEvent> heard = new ArrayList<>();
        breaker.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        breaker.addListener(heard::add);
        fail(breaker);

        for (int i = 0; i < 4; i++) {
            time.advance(Duration.ofMillis(1));
            breaker.tryAcquirePermission();
        }
        List<BreakerEvent> whileOpen = breaker.recentEvents();
        breaker.transitionTo(BreakerState.CLOSED);
        breaker.transitionTo(BreakerState.FORCED_OPEN);
        breaker.tryAcquirePermission();

        // Listeners hear every rejection; the buffer keeps the first rejection of each phase.
        assertThat(heard).hasSize(8);
        assertThat(heard.subList(1, 5)).allMatch(e -> e.type() == BreakerEvent.Type.NOT_PERMITTED);
        assertThat(whileOpen).containsExactly(heard.get(0), heard.get(1));
        assertThat(breaker.recentEvents()).containsExactly(heard.get(5), heard.get(6), heard.get(7));
        assertThat(heard.get(7).type()).isEqualTo(BreakerEvent.Type.NOT_PERMITTED);
        assertThat(breaker.snapshot().notPermittedCalls()).isEqualTo(5);
    }

    @Test
    void aRejectionAllocatesNoPermissionOfItsOwn() {
        Breaker breaker = Breakers.create(
                "model",
                BreakerConfig.builder()
                        .failureDetection(FailureDetection.CONSECUTIVE)
                        .failureThreshold(1)
                        .eventBufferSize(0)
                        .build(),
                time);
        fail(breaker);

        Permission first = breaker.tryAcquirePermission();
        time.advance(Duration.ofSeconds(1));
        Permission second = breaker.tryAcquirePermission();

        assertThat(second).isSameAs(first);
        assertThat(second.retryAfterNanos()).isEqualTo(seconds(29));
    }

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }

    private void fail(Breaker breaker) {
        Permission permission = breaker.tryAcquirePermission();
        if (permission.permitted()) {
            breaker.onFailure(permission, breaker.startTime(), new IOException("down"));
        }
    }

    private void succeed(Breaker breaker) {
        Permission permission = breaker.tryAcquirePermission();
        breaker.onSuccess(permission, breaker.startTime());
    }
}
