package dev.resilience.core.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Model-based test: random sequences of calls, outcomes, cancellations, time steps and operator
 * transitions drive the real breaker and {@link ReferenceBreaker} side by side; after every step
 * they must agree on the state, on every permission, and on the numbers of the snapshot.
 */
class BreakerModelProperties {

    @Property(tries = 300)
    void theBreakerBehavesLikeTheReferenceStateMachine(
            @ForAll("detections") FailureDetection detection,
            @ForAll @Size(max = 120) List<@From("actions") Action> actions) {
        BreakerConfig config = BreakerConfig.builder()
                .failureDetection(detection)
                .failureThreshold(3)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(Duration.ofMillis(100))
                .slowCallRateThreshold(60)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .waitDurationMultiplier(2)
                .maxWaitDurationInOpenState(Duration.ofSeconds(40))
                .permittedCallsInHalfOpenState(2)
                .maxWaitDurationInHalfOpenState(Duration.ofSeconds(30))
                .recordFailure(e -> e instanceof IOException)
                .ignoreFailure(e -> e instanceof IllegalArgumentException)
                .build();
        ManualTimeSource time = ManualTimeSource.create();
        Breaker real = Breakers.create("model", config, time);
        ReferenceBreaker model = new ReferenceBreaker(config, time.nanoTime());
        List<Call> inFlight = new ArrayList<>();

        for (Action action : actions) {
            long now = time.nanoTime();
            if (action instanceof Acquire) {
                Permission permission = real.tryAcquirePermission();
                int admittedBy = model.acquire(now);
                assertThat(permission.permitted()).as("permitted").isEqualTo(admittedBy >= 0);
                if (permission.permitted()) {
                    inFlight.add(new Call(permission, admittedBy, real.startTime()));
                }
            } else if (action instanceof Complete c && !inFlight.isEmpty()) {
                Call call = inFlight.remove(c.index() % inFlight.size());
                complete(real, model, call, c.outcome(), now);
            } else if (action instanceof Advance a) {
                time.advance(Duration.ofMillis(a.millis()));
            } else if (action instanceof Force f) {
                real.transitionTo(f.target());
                model.transitionTo(f.target(), now);
            }
            BreakerSnapshot snapshot = real.snapshot();
            assertThat(real.state()).as("state").isEqualTo(model.state);
            assertThat(snapshot.bufferedCalls()).as("buffered calls").isEqualTo(model.bufferedCalls());
            assertThat(snapshot.failedCalls()).as("failed calls").isEqualTo(model.failedCalls());
            assertThat(snapshot.slowCalls()).as("slow calls").isEqualTo(model.slowCalls());
            assertThat(snapshot.notPermittedCalls()).as("not permitted").isEqualTo(model.notPermitted);
        }
    }

    private static void complete(Breaker real, ReferenceBreaker model, Call call, Outcome outcome, long now) {
        switch (outcome) {
            case SUCCESS -> real.onSuccess(call.permission(), call.start());
            case RELEASE -> real.release(call.permission());
            default -> real.onFailure(call.permission(), call.start(), outcome.error());
        }
        if (outcome == Outcome.RELEASE) {
            model.release(call.admittedBy());
        } else {
            model.complete(call.admittedBy(), outcome.error(), call.start(), now);
        }
    }

    @Provide
    Arbitrary<FailureDetection> detections() {
        return Arbitraries.of(FailureDetection.CONSECUTIVE, FailureDetection.COUNT_WINDOW);
    }

    @Provide
    Arbitrary<Action> actions() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new Acquire())),
                Tuple.of(
                        6,
                        Arbitraries.integers()
                                .between(0, 10)
                                .flatMap(i -> Arbitraries.of(Outcome.class).map(o -> new Complete(i, o)))),
                Tuple.of(
                        4,
                        Arbitraries.of(0L, 50L, 150L, 5_000L, 10_000L, 30_000L).map(Advance::new)),
                Tuple.of(1, Arbitraries.of(BreakerState.class).map(Force::new)));
    }

    /** A step of the test. */
    sealed interface Action permits Acquire, Complete, Advance, Force {}

    /** Ask for permission. */
    record Acquire() implements Action {}

    /** Finish the in-flight call at {@code index} (modulo their number) with {@code outcome}. */
    record Complete(int index, Outcome outcome) implements Action {}

    /** Let time pass. */
    record Advance(long millis) implements Action {}

    /** An operator forces a state. */
    record Force(BreakerState target) implements Action {}

    /** How a call ends. */
    enum Outcome {
        SUCCESS(null),
        RECORDED_FAILURE(new IOException("recorded")),
        UNRECORDED_FAILURE(new IllegalStateException("neither recorded nor ignored")),
        IGNORED_FAILURE(new IllegalArgumentException("ignored")),
        RELEASE(null);

        private final Throwable error;

        Outcome(Throwable error) {
            this.error = error;
        }

        Throwable error() {
            return error;
        }
    }

    private record Call(Permission permission, int admittedBy, long start) {}
}
