package dev.resilience.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.FailureDetection;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A breaker's settings are replaced at run time; it keeps its identity, state and listeners. */
@ExtendWith(OutputCaptureExtension.class)
class BreakerReconfigurationTest {

    private final ManualTimeSource time = ManualTimeSource.create();

    private final BreakerRegistry registry =
            new BreakerRegistry(name -> consecutive(3, Duration.ofSeconds(30)), time, List.of("model"));

    @Test
    void newSettingsApplyToTheSameBreakerInTheSameState() {
        Breaker breaker = registry.get("model");
        breaker.transitionTo(BreakerState.OPEN);

        boolean changed = registry.reconfigure("model", consecutive(3, Duration.ofSeconds(5)));

        assertThat(changed).isTrue();
        assertThat(registry.get("model")).isSameAs(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        time.advance(Duration.ofSeconds(5));
        assertThat(breaker.tryAcquirePermission().permitted()).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void listenersKeepReceivingEventsButKeepingTheStateIsNoEvent() {
        Breaker breaker = registry.get("model");
        List<BreakerEvent> events = new CopyOnWriteArrayList<>();
        breaker.addListener(events::add);
        breaker.transitionTo(BreakerState.FORCED_OPEN);

        registry.reconfigure("model", consecutive(1, Duration.ofSeconds(30)));
        breaker.transitionTo(BreakerState.CLOSED);

        assertThat(events)
                .filteredOn(event -> event.type() == BreakerEvent.Type.STATE_TRANSITION)
                .extracting(BreakerEvent::to)
                .containsExactly(BreakerState.FORCED_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aCallAdmittedBeforeTheChangeReportsWithoutEffect() {
        Breaker breaker = registry.get("model");
        Permission admitted = breaker.tryAcquirePermission();

        registry.reconfigure("model", consecutive(1, Duration.ofSeconds(30)));
        breaker.onFailure(admitted, breaker.startTime(), new IllegalStateException("late"));

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        Permission fresh = breaker.tryAcquirePermission();
        breaker.onFailure(fresh, breaker.startTime(), new IllegalStateException("now"));
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void eachChangeIsLoggedOnceAndUnchangedSettingsNotAtAll(CapturedOutput output) {
        registry.get("model");

        registry.reconfigure("model", consecutive(3, Duration.ofSeconds(5)));
        boolean again = registry.reconfigure("model", consecutive(3, Duration.ofSeconds(5)));

        assertThat(again).isFalse();
        assertThat(output.getOut().lines().filter(line -> line.contains("Circuit breaker 'model' reconfigured")))
                .singleElement()
                .asString()
                .contains("INFO")
                .contains("waitDurationInOpenState PT30S -> PT5S");
    }

    private static BreakerConfig consecutive(int failures, Duration wait) {
        return BreakerConfig.builder()
                .failureDetection(FailureDetection.CONSECUTIVE)
                .failureThreshold(failures)
                .waitDurationInOpenState(wait)
                .build();
    }
}
