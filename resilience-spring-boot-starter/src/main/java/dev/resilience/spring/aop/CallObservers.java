package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.CallObserver.CallOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every {@link CallObserver} what happened, shielding the guarded call from their
 * failures: an observer that throws is logged at WARN and the call goes on.
 */
final class CallObservers {

    private static final Logger logger = LoggerFactory.getLogger(CallObservers.class);

    private final CallObserver[] observers;

    CallObservers(List<CallObserver> observers) {
        this.observers = observers.toArray(CallObserver[]::new);
    }

    void rateLimit(String limiter, String tier, Decision decision) {
        for (CallObserver observer : observers) {
            try {
                observer.onRateLimit(limiter, tier, decision);
            } catch (RuntimeException ex) {
                logger.warn("Call observer {} failed on rate limiter '{}'", observer, limiter, ex);
            }
        }
    }

    /** Tells one observer of a decision, shielding the call from its failure. */
    static void tell(CallObserver observer, String limiter, String tier, Decision decision) {
        try {
            observer.onRateLimit(limiter, tier, decision);
        } catch (RuntimeException ex) {
            logger.warn("Call observer {} failed on rate limiter '{}'", observer, limiter, ex);
        }
    }

    void rateLimitWait(String limiter, long waitNanos) {
        for (CallObserver observer : observers) {
            try {
                observer.onRateLimitWait(limiter, waitNanos);
            } catch (RuntimeException ex) {
                logger.warn("Call observer {} failed on rate limiter '{}'", observer, limiter, ex);
            }
        }
    }

    void breakerCall(String breaker, CallOutcome outcome) {
        for (CallObserver observer : observers) {
            try {
                observer.onBreakerCall(breaker, outcome);
            } catch (RuntimeException ex) {
                logger.warn("Call observer {} failed on circuit breaker '{}'", observer, breaker, ex);
            }
        }
    }
}
