package dev.resilience.core.ratelimit;

import java.time.Duration;

/**
 * The outcome of one attempt to acquire permits, with every number an HTTP response needs.
 *
 * @param allowed whether the permits were granted
 * @param permits the number of permits asked for
 * @param remaining permits still available right after this decision (never negative)
 * @param limit the capacity of the limit that decided
 * @param retryAfterNanos when rejected, how long until the same request could succeed; zero when
 *     allowed; {@link Long#MAX_VALUE} when it can never succeed (cost above capacity)
 * @param resetAfterNanos how long until the limit is back to its full capacity
 * @param waitNanos when allowed, how long the caller must wait before proceeding (only the leaky
 *     bucket and configured maximum waits make this non-zero)
 */
public record Decision(
        boolean allowed,
        long permits,
        long remaining,
        long limit,
        long retryAfterNanos,
        long resetAfterNanos,
        long waitNanos) {

    /** Creates a decision that grants the permits with no wait. */
    public static Decision allow(long permits, long remaining, long limit, long resetAfterNanos) {
        return new Decision(true, permits, remaining, limit, 0, resetAfterNanos, 0);
    }

    /** Creates a decision that refuses the permits. */
    public static Decision reject(
            long permits, long remaining, long limit, long retryAfterNanos, long resetAfterNanos) {
        return new Decision(false, permits, remaining, limit, retryAfterNanos, resetAfterNanos, 0);
    }

    /** Whether the request can never succeed because it costs more than the capacity. */
    public boolean isImpossible() {
        return !allowed && retryAfterNanos == Long.MAX_VALUE;
    }

    /** How long until the same request could succeed, as a duration. */
    public Duration retryAfter() {
        return Duration.ofNanos(retryAfterNanos);
    }

    /** How long until the limit is back to its full capacity, as a duration. */
    public Duration resetAfter() {
        return Duration.ofNanos(resetAfterNanos);
    }
}
