package dev.resilience.spring;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.time.Duration;

/**
 * Thrown instead of invoking a {@link dev.resilience.spring.annotation.RateLimited} method when
 * its limit has too few permits left.
 *
 * <p>This is flow control, not an error: it carries no stack trace, so throwing it costs little.
 * Web requests turn it into {@code 429 Too Many Requests} with {@code Retry-After}.
 */
public class RateLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limiterName;

    private final transient Decision decision;

    private final transient RateLimitConfig config;

    /**
     * Creates the exception for a rejection.
     *
     * @param limiterName the name of the limiter that rejected the call
     * @param decision the limiter's decision, with remaining permits and retry-after
     */
    public RateLimitExceededException(String limiterName, Decision decision) {
        this(limiterName, decision, null);
    }

    /**
     * Creates the exception for a rejection by a limit with known settings.
     *
     * @param limiterName the name of the limiter that rejected the call
     * @param decision the limiter's decision, with remaining permits and retry-after
     * @param config the settings of the limit that decided, or {@code null} if unknown
     */
    public RateLimitExceededException(String limiterName, Decision decision, RateLimitConfig config) {
        super(message(limiterName, decision), null, false, false);
        this.limiterName = limiterName;
        this.decision = decision;
        this.config = config;
    }

    /** The name of the limiter that rejected the call. */
    public String getLimiterName() {
        return limiterName;
    }

    /** The limiter's decision. */
    public Decision getDecision() {
        return decision;
    }

    /**
     * The settings of the limit that decided (which a {@link LimitResolver} may have chosen for
     * the key), or {@code null} if unknown.
     */
    public RateLimitConfig getConfig() {
        return config;
    }

    /**
     * How long until the same call could succeed; {@code null} when it never can (it costs more
     * than the limit's capacity).
     */
    public Duration getRetryAfter() {
        return decision.isImpossible() ? null : decision.retryAfter();
    }

    private static String message(String name, Decision decision) {
        if (decision.isImpossible()) {
            return "Rate limit '" + name + "' can never grant " + decision.permits() + " permits: its capacity is "
                    + decision.limit();
        }
        return "Rate limit '" + name + "' exceeded: " + decision.permits() + " permits asked, " + decision.remaining()
                + " remaining, retry after " + decision.retryAfter();
    }
}
