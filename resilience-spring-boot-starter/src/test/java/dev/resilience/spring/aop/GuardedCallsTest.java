package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.LimitResolver;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** The order of the two guards, fallbacks, and all-or-nothing limits on synchronous methods. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "resilience.circuitbreaker.instances.backend.sliding-window-size=4",
            "resilience.circuitbreaker.instances.backend.minimum-number-of-calls=4",
            "resilience.circuitbreaker.instances.guarded.sliding-window-size=4",
            "resilience.circuitbreaker.instances.guarded.minimum-number-of-calls=4"
        })
class GuardedCallsTest {

    @Autowired
    GuardedService service;

    @Autowired
    BreakerRegistry breakers;

    @Autowired
    RateLimiterRegistry limiters;

    @Autowired
    ManualTimeSource time;

    @Autowired
    Plans plans;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        breakers.all().forEach(breaker -> breaker.transitionTo(BreakerState.CLOSED));
        // Every limit refills fully within a minute.
        time.advance(Duration.ofMinutes(1));
        service.resetCalls();
    }

    @Test
    void openBreakerSpendsNoPermitsOfTheInnerLimit() {
        breakers.get("guarded").transitionTo(BreakerState.OPEN);

        assertThatThrownBy(() -> service.guarded("k")).isInstanceOf(CallNotPermittedException.class);
        breakers.get("guarded").transitionTo(BreakerState.CLOSED);

        assertThat(service.guarded("k")).isEqualTo("ok k");
        assertThat(limiters.get("single").peek("k").remaining()).isZero();
    }

    @Test
    void rateLimitRejectionIsNeitherSuccessNorFailureOfTheOuterBreaker() {
        Breaker breaker = breakers.get("guarded");
        service.guarded("k");

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> service.guarded("k")).isInstanceOf(RateLimitExceededException.class);
        }

        assertThat(breaker.snapshot().bufferedCalls()).isEqualTo(1);
        assertThat(breaker.snapshot().failedCalls()).isZero();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void rejectionCarriesTheLimiterNameAndDecision() {
        service.guarded("k");

        assertThatThrownBy(() -> service.guarded("k")).isInstanceOfSatisfying(RateLimitExceededException.class, ex -> {
            assertThat(ex.getLimiterName()).isEqualTo("single");
            assertThat(ex.getDecision().allowed()).isFalse();
            assertThat(ex.getStackTrace()).isEmpty();
        });
    }

    @Test
    void failuresGoToTheFallbackAndOpenTheBreaker() {
        for (int i = 0; i < 4; i++) {
            assertThat(service.failing("x")).isEqualTo("fallback x after IllegalStateException");
        }

        assertThat(breakers.get("backend").state()).isEqualTo(BreakerState.OPEN);
        assertThat(service.failing("y")).isEqualTo("fallback y after CallNotPermittedException");
        assertThat(service.calls()).isEqualTo(4);
    }

    @Test
    void repeatedLimitsChargeAllOrNothing() {
        assertThat(service.twoLimits("k")).isEqualTo("both");
        assertThat(service.twoLimits("k")).isEqualTo("both");

        assertThatThrownBy(() -> service.twoLimits("k"))
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        ex -> assertThat(ex.getLimiterName()).isEqualTo("narrow"));
        // The wide limit granted the third call before the narrow one refused it: refunded.
        assertThat(limiters.get("wide").peek("k").remaining()).isEqualTo(8);
    }

    @Test
    void overestimatedCostIsRefundedOnceTheActualCostIsKnown() {
        assertThat(service.complete("refund", 50, 10)).isEqualTo(10);

        assertThat(limiters.get("tokens").peek("refund").remaining()).isEqualTo(90);
    }

    @Test
    void underestimatedCostIsChargedOnceTheActualCostIsKnown() {
        assertThat(service.complete("charge", 10, 60)).isEqualTo(60);

        assertThat(limiters.get("tokens").peek("charge").remaining()).isEqualTo(40);
    }

    @Test
    void dynamicCostAboveCapacityIsRejectedAtOnce() {
        // Case C2: nothing could ever grant it, so the caller is not told to retry.
        assertThatThrownBy(() -> service.complete("huge", 101, 0))
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        ex -> assertThat(ex.getRetryAfter()).isNull());
    }

    @Test
    void limitResolverHoldsEachTierToItsOwnLimit() {
        service.planned("free-tenant", "free");
        assertThatThrownBy(() -> service.planned("free-tenant", "free")).isInstanceOf(RateLimitExceededException.class);

        for (int i = 0; i < 3; i++) {
            service.planned("premium-tenant", "premium");
        }
        assertThatThrownBy(() -> service.planned("premium-tenant", "premium"))
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        ex -> assertThat(ex.getConfig().capacity()).isEqualTo(3));
        assertThat(meters.counter(
                                "resilience.ratelimiter.calls",
                                "name",
                                "plans",
                                "tier",
                                "premium",
                                "result",
                                "rejected")
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void limitChangedWhileRunningAppliesToTheNextCall() {
        service.planned("upgraded", "gold");
        assertThatThrownBy(() -> service.planned("upgraded", "gold")).isInstanceOf(RateLimitExceededException.class);

        plans.goldCapacity.set(10);

        assertThat(service.planned("upgraded", "gold")).isEqualTo("planned");
    }

    @Test
    void rejectionGoesToTheRateLimitFallbackWhenDeclared() {
        assertThat(service.withFallback("k")).isEqualTo("served");

        assertThat(service.withFallback("k")).isEqualTo("busy: single-fallback");
    }

    @Test
    void algorithmAttributeSelectsTheAlgorithm() {
        assertThat(limiters.get("windowed").config().algorithm())
                .isEqualTo(dev.resilience.core.ratelimit.Algorithm.FIXED_WINDOW);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ManualTimeSource timeSource() {
            return ManualTimeSource.create();
        }

        @Bean
        GuardedService guardedService() {
            return new GuardedService();
        }

        @Bean
        Plans plans() {
            return new Plans();
        }
    }

    /** A plan table that changes while the application runs. */
    static class Plans implements LimitResolver {

        final AtomicLong goldCapacity = new AtomicLong(1);

        @Override
        public RateLimitConfig resolve(String limiter, String key, String tier) {
            if (!limiter.equals("plans")) {
                return null;
            }
            return switch (String.valueOf(tier)) {
                case "premium" -> RateLimitConfig.perPeriod(3, Duration.ofHours(1));
                case "gold" -> RateLimitConfig.perPeriod(goldCapacity.get(), Duration.ofHours(1));
                default -> null;
            };
        }
    }

    static class GuardedService {

        @RateLimited(name = "plans", key = "#tenant", tier = "#plan", capacity = 1, period = "1h")
        public String planned(String tenant, String plan) {
            return "planned";
        }

        @RateLimited(name = "single-fallback", key = "#key", capacity = 1, period = "1h", fallbackMethod = "busy")
        public String withFallback(String key) {
            return "served";
        }

        private String busy(String key, RateLimitExceededException ex) {
            return "busy: " + ex.getLimiterName();
        }

        @RateLimited(name = "windowed", capacity = 5, algorithm = "fixed-window")
        public String windowed() {
            return "windowed";
        }

        private final AtomicInteger calls = new AtomicInteger();

        public int calls() {
            return calls.get();
        }

        public void resetCalls() {
            calls.set(0);
        }

        @CircuitBreaker(name = "guarded")
        @RateLimited(name = "single", key = "#key", capacity = 1, period = "1m")
        public String guarded(String key) {
            return "ok " + key;
        }

        @CircuitBreaker(name = "backend", fallbackMethod = "recover")
        public String failing(String name) {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }

        private String recover(String name, Exception ex) {
            return "fallback " + name + " after " + ex.getClass().getSimpleName();
        }

        @RateLimited(
                name = "tokens",
                key = "#tenant",
                capacity = 100,
                period = "1h",
                cost = "#estimate",
                actualCost = "#result")
        public long complete(String tenant, long estimate, long actual) {
            return actual;
        }

        @RateLimited(name = "wide", key = "#p0", capacity = 10, period = "1m")
        @RateLimited(name = "narrow", key = "#a0", capacity = 2, period = "1m")
        public String twoLimits(String key) {
            return "both";
        }
    }
}
