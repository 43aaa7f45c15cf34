package dev.resilience.core.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every invalid breaker setting is refused with its name, its value and the allowed range. */
class BreakerConfigTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        BreakerConfig defaults = BreakerConfig.defaults();

        assertThat(defaults.failureDetection()).isEqualTo(FailureDetection.COUNT_WINDOW);
        assertThat(defaults.slidingWindowSize()).isEqualTo(100);
        assertThat(defaults.minimumNumberOfCalls()).isEqualTo(20);
        assertThat(defaults.failureRateThreshold()).isEqualTo(50f);
        assertThat(defaults.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.permittedCallsInHalfOpenState()).isEqualTo(3);
    }

    @Test
    void aThresholdAboveOneHundredPercentIsRefused() {
        assertThatThrownBy(
                        () -> BreakerConfig.builder().failureRateThreshold(150).build())
                .hasMessage("failureRateThreshold must be a percentage above 0 and at most 100, but was 150.0");
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> BreakerConfig.builder()
                        .waitDurationInOpenState(Duration.ofSeconds(-1))
                        .build())
                .hasMessage("waitDurationInOpenState must not be negative, but was PT-1S");
    }

    @Test
    void aTimeWindowLongerThanADayIsRefused() {
        assertThatThrownBy(() -> BreakerConfig.builder()
                        .failureDetection(FailureDetection.TIME_WINDOW)
                        .slidingWindowSize(100_000)
                        .build())
                .hasMessage("slidingWindowSize must be between 1 and 86400 with TIME_WINDOW, but was 100000");
    }

    @Test
    void zeroProbesAreRefused() {
        assertThatThrownBy(() ->
                        BreakerConfig.builder().permittedCallsInHalfOpenState(0).build())
                .hasMessage("permittedCallsInHalfOpenState must be at least 1, but was 0");
    }
}
