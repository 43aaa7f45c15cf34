package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Several limits on one call, acquired all-or-nothing. */
class RateLimitGroupTest {

    private final ManualTimeSource time = ManualTimeSource.create();
    private final KeyedRateLimiter requests =
            RateLimiters.keyed("requests", RateLimitConfig.perPeriod(10, Duration.ofMinutes(1)), time, 100);
    private final KeyedRateLimiter tokens =
            RateLimiters.keyed("tokens", RateLimitConfig.perPeriod(1_000, Duration.ofMinutes(1)), time, 100);

    @Test
    void whenEveryLimitGrantsAllAreCharged() {
        GroupDecision decision = RateLimitGroup.of(
                        new RateLimitGroup.Limit(requests, "acme", 1), new RateLimitGroup.Limit(tokens, "acme", 400))
                .tryAcquireAll();

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.deciding().remaining()).isEqualTo(9);
        assertThat(tokens.peek("acme").remaining()).isEqualTo(600);
    }

    @Test
    void whenALaterLimitRejectsTheEarlierOnesAreRefunded() {
        tokens.tryAcquire("acme", 900);

        GroupDecision decision = RateLimitGroup.of(
                        new RateLimitGroup.Limit(requests, "acme", 1), new RateLimitGroup.Limit(tokens, "acme", 400))
                .tryAcquireAll();

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rejectedIndex()).isEqualTo(1);
        assertThat(decision.retryAfterNanos()).isEqualTo(Duration.ofSeconds(18).toNanos());
        assertThat(requests.peek("acme").remaining()).isEqualTo(10);
    }

    @Test
    void reconcilingChargesTheActualCostToEveryLimit() {
        RateLimitGroup group = RateLimitGroup.of(
                new RateLimitGroup.Limit(tokens, "acme", 400), new RateLimitGroup.Limit(tokens, "global", 400));
        group.tryAcquireAll();

        group.reconcile(150);

        assertThat(tokens.peek("acme").remaining()).isEqualTo(850);
        assertThat(tokens.peek("global").remaining()).isEqualTo(850);
    }
}
