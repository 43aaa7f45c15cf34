package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every invalid limit setting is refused with its name, its value and the allowed range. */
class RateLimitConfigTest {

    @Test
    void aZeroCapacityIsRefused() {
        assertThatThrownBy(() -> RateLimitConfig.perPeriod(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be between 1 and 4611686018427387903, but was 0");
    }

    @Test
    void aNegativeRefillIsRefused() {
        assertThatThrownBy(
                        () -> new RateLimitConfig(Algorithm.TOKEN_BUCKET, 10, -3, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("refillPermits must be between 1 and 4611686018427387903, but was -3");
    }

    @Test
    void anOverflowingCapacityIsRefused() {
        assertThatThrownBy(() -> RateLimitConfig.perPeriod(Long.MAX_VALUE, Duration.ofSeconds(1)))
                .hasMessageStartingWith("capacity must be between 1 and ");
    }

    @Test
    void aZeroOrTooLongPeriodIsRefused() {
        assertThatThrownBy(() -> RateLimitConfig.perPeriod(1, Duration.ZERO))
                .hasMessage("refillPeriod must be between 1ns and 366 days, but was PT0S");
        assertThatThrownBy(() -> RateLimitConfig.perPeriod(1, Duration.ofDays(400)))
                .hasMessage("refillPeriod must be between 1ns and 366 days, but was PT9600H");
    }

    @Test
    void aNegativeMaximumWaitIsRefused() {
        assertThatThrownBy(() ->
                        RateLimitConfig.perPeriod(1, Duration.ofSeconds(1)).withMaxWait(Duration.ofMillis(-1)))
                .hasMessage("maxWait must be between 0 and 366 days, but was PT-0.001S");
    }
}
