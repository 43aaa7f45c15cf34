package dev.resilience.core.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several limits that one call must all pass, acquired all-or-nothing: for example a per-tenant
 * limit and a global one, or a request count and a token budget.
 *
 * <p>The limits are tried in order. When one rejects, the permits already granted by the earlier
 * ones are given back with {@link KeyedRateLimiter#adjust adjust(key, -permits)}: the rollback is
 * a <em>refund</em>, not an undo. It works over any {@link KeyedRateLimiter}, a remote store
 * included, but for the short time between the grant and the refund other callers see the
 * earlier limits charged (they may be rejected when they would not have been; nothing is ever
 * over-admitted), and a refund never raises a limit above its capacity. Put the limit most likely
 * to reject first to make refunds rare.
 */
public final class RateLimitGroup {

    private final List<Limit> limits;

    private RateLimitGroup(List<Limit> limits) {
        this.limits = List.copyOf(limits);
        if (this.limits.isEmpty()) {
            throw new IllegalArgumentException("A rate limit group needs at least one limit");
        }
    }

    /** A group of the given limits, tried in this order. */
    public static RateLimitGroup of(List<Limit> limits) {
        return new RateLimitGroup(limits);
    }

    /** A group of the given limits, tried in this order. */
    public static RateLimitGroup of(Limit... limits) {
        return new RateLimitGroup(List.of(limits));
    }

    /** The limits, in the order they are tried. */
    public List<Limit> limits() {
        return limits;
    }

    /** Takes every limit's permits, or none. */
    public GroupDecision tryAcquireAll() {
        List<Decision> decisions = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            Decision decision = limit.limiter().tryAcquire(limit.key(), limit.permits());
            decisions.add(decision);
            if (!decision.allowed()) {
                refund(i);
                return new GroupDecision(false, decisions, i);
            }
        }
        return new GroupDecision(true, decisions, -1);
    }

    /**
     * Reconciles every limit after the call: {@code actual} replaces each limit's estimated
     * permits, the difference being refunded or charged as debt.
     *
     * @param actual the real cost, in the same unit as every limit of the group
     */
    public void reconcile(long actual) {
        for (Limit limit : limits) {
            long delta = actual - limit.permits();
            if (delta != 0) {
                limit.limiter().adjust(limit.key(), delta);
            }
        }
    }

    private void refund(int granted) {
        for (int i = granted - 1; i >= 0; i--) {
            Limit limit = limits.get(i);
            limit.limiter().adjust(limit.key(), -limit.permits());
        }
    }

    /**
     * One member of a group.
     *
     * @param limiter the keyed limiter
     * @param key the key to charge
     * @param permits how many permits to take, at least 1
     */
    public record Limit(KeyedRateLimiter limiter, String key, long permits) {

        /** Checks the member. */
        public Limit {
            Objects.requireNonNull(limiter, "limiter");
            Objects.requireNonNull(key, "key");
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
            }
        }
    }
}
