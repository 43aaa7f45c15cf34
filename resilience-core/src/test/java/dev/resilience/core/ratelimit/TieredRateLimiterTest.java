package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Priority tiers over a shared pool with a reserve for the higher tiers. */
class TieredRateLimiterTest {

    private final ManualTimeSource time = ManualTimeSource.create();
    private final KeyedRateLimiter pool =
            RateLimiters.keyed("pool", RateLimitConfig.perPeriod(100, Duration.ofSeconds(1)), time, 10);
    private final TieredRateLimiter tiers = TieredRateLimiter.builder(pool, "shared")
            .tier(
                    "free",
                    RateLimiters.keyed("free", RateLimitConfig.perPeriod(50, Duration.ofSeconds(1)), time, 100),
                    30)
            .tier(
                    "premium",
                    RateLimiters.keyed("premium", RateLimitConfig.perPeriod(20, Duration.ofSeconds(1)), time, 100),
                    0)
            .build();

    @Test
    void premiumKeepsItsRateWhileFreeTrafficSaturatesThePool() {
        long premiumAsked = 0;
        long premiumGranted = 0;
        long freeGranted = 0;
        long freeRejected = 0;

        for (int tick = 0; tick < 1_000; tick++) {
            for (int tenant = 0; tenant < 5; tenant++) {
                for (int call = 0; call < 3; call++) {
                    if (tiers.tryAcquire("free", "free-" + tenant, 1).allowed()) {
                        freeGranted++;
                    } else {
                        freeRejected++;
                    }
                }
            }
            if (tick % 50 == 0) {
                premiumAsked++;
                if (tiers.tryAcquire("premium", "acme", 1).allowed()) {
                    premiumGranted++;
                }
            }
            time.advance(Duration.ofMillis(10));
        }

        assertThat(premiumGranted).isEqualTo(premiumAsked).isEqualTo(20);
        assertThat(freeRejected).isPositive();
        // Ten seconds of a 100/s pool plus its initial 100, less the reserve and premium's share.
        assertThat(freeGranted).isBetween(1_000L, 1_070L);
    }

    @Test
    void theLowerTierStopsAtTheReserveAndTheHigherTierMayUseIt() {
        for (int i = 0; i < 7; i++) {
            tiers.tryAcquire("free", "free-" + i, 10);
        }

        Decision freeRejected = tiers.tryAcquire("free", "another", 1).deciding();
        GroupDecision premium = tiers.tryAcquire("premium", "acme", 20);

        assertThat(freeRejected.allowed()).isFalse();
        assertThat(premium.allowed()).isTrue();
        assertThat(pool.peek("shared").remaining()).isEqualTo(10);
    }

    @Test
    void aRejectionByThePoolRefundsTheTierLimit() {
        for (int i = 0; i < 7; i++) {
            tiers.tryAcquire("free", "free-" + i, 10);
        }

        GroupDecision rejected = tiers.tryAcquire("free", "alice", 5);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.rejectedIndex()).isEqualTo(1);
        assertThat(tiers.tier("free").perKey().peek("alice").remaining()).isEqualTo(50);
    }

    @Test
    void anUnknownTierIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> tiers.tryAcquire("gold", "acme", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gold'")
                .hasMessageContaining("premium");
    }

    @Test
    void aReserveAtOrAboveThePoolCapacityIsRefused() {
        KeyedRateLimiter free = RateLimiters.keyed("f", RateLimitConfig.perPeriod(5, Duration.ofSeconds(1)), time, 10);

        assertThatThrownBy(() -> TieredRateLimiter.builder(pool, "shared").tier("free", free, 100))
                .hasMessageContaining("reserve of tier 'free' must be between 0 and 99");
    }
}
