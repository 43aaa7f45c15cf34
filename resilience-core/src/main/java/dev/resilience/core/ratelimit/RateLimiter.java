package dev.resilience.core.ratelimit;

/**
 * One rate limit for one key: a bucket of permits that refill over time.
 *
 * <p>Implementations are thread-safe and never block: a caller that must wait is told so through
 * {@link Decision#waitNanos()} and does the waiting itself. Create one with {@link
 * RateLimiters#create}; the algorithm is the one the configuration names.
 */
public interface RateLimiter {

    /**
     * Tries to take {@code permits} at once. Either all are granted or none is; a request for more
     * than the capacity is refused at once with {@link Decision#isImpossible()} true.
     *
     * @param permits how many permits to take, at least 1
     */
    Decision tryAcquire(long permits);

    /**
     * Takes {@code permits} only if they can be used now, without waiting, and returns whether it
     * did: the allocation-free form of {@link #tryAcquire} for callers that need no numbers (no
     * remaining count, no retry-after) and never wait.
     *
     * <p>With no maximum wait configured it grants exactly what {@link #tryAcquire} grants. With
     * one, it refuses what {@link #tryAcquire} would grant only with a wait; this default
     * implementation does so by taking such a grant and refunding it at once, the token and
     * leaky buckets decide without charging anything.
     *
     * @param permits how many permits to take, at least 1
     * @return whether the permits were taken
     */
    default boolean tryAcquireNow(long permits) {
        Decision decision = tryAcquire(permits);
        if (decision.allowed() && decision.waitNanos() > 0) {
            adjust(-permits);
            return false;
        }
        return decision.allowed();
    }

    /**
     * Corrects an earlier acquisition once the real cost is known. A positive {@code delta}
     * charges more permits, beyond zero if need be (a debt that later calls pay off by waiting);
     * a negative one refunds permits, never beyond the capacity.
     */
    void adjust(long delta);

    /**
     * Reports the state without taking anything: the returned decision is what asking for one
     * permit would answer, but nothing is charged.
     */
    Decision peek();

    /**
     * Whether this limiter is back at full capacity with no debt, so that dropping it and
     * creating a fresh one later changes nothing a caller could observe.
     */
    boolean isIdle();

    /** The settings this limiter enforces. */
    RateLimitConfig config();
}
