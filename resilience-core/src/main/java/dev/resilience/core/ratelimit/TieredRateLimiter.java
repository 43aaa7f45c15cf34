package dev.resilience.core.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Priority tiers over a shared pool: each tier has its own per-key limit, and every call also
 * draws from one pool shared by all tiers, of which a tier may not touch its {@code reserve}.
 *
 * <p>Giving the lower tiers a reserve keeps that part of the pool for the higher tiers: when free
 * traffic saturates the pool, it stops at the reserve, and premium calls keep flowing up to their
 * own per-key limit. A call is granted only if both its tier's limit for its key and the pool
 * grant it, all-or-nothing.
 *
 * <p>Built as a composition of {@link KeyedRateLimiter}s so it works over any store. The reserve
 * is enforced by asking the pool for {@code permits + reserve} and refunding the reserve at once;
 * between the two steps other callers see the pool lower than it is (never higher), so a
 * concurrent call may be rejected a little early but nothing is over-admitted. The pool should be
 * a token bucket or a window limit (a leaky bucket without a maximum wait would refuse the
 * reserve).
 */
public final class TieredRateLimiter {

    private final KeyedRateLimiter pool;
    private final String poolKey;
    private final Map<String, Tier> tiers;

    private TieredRateLimiter(KeyedRateLimiter pool, String poolKey, Map<String, Tier> tiers) {
        this.pool = pool;
        this.poolKey = poolKey;
        this.tiers = Map.copyOf(tiers);
    }

    /** Starts a tiered limiter drawing from {@code pool} under the single key {@code poolKey}. */
    public static Builder builder(KeyedRateLimiter pool, String poolKey) {
        return new Builder(pool, poolKey);
    }

    /** Takes {@code permits} for {@code key} in {@code tier} from its tier limit and the pool. */
    public GroupDecision tryAcquire(String tier, String key, long permits) {
        Tier t = tier(tier);
        Decision own = t.perKey().tryAcquire(key, permits);
        if (!own.allowed()) {
            return new GroupDecision(false, List.of(own), 0);
        }
        Decision shared = pool.tryAcquire(poolKey, permits + t.reserve());
        if (!shared.allowed()) {
            t.perKey().adjust(key, -permits);
            return new GroupDecision(false, List.of(own, shared), 1);
        }
        if (t.reserve() > 0) {
            pool.adjust(poolKey, -t.reserve());
        }
        return new GroupDecision(true, List.of(own, shared), -1);
    }

    /** Reconciles an earlier grant of {@code estimated} permits with the {@code actual} cost. */
    public void reconcile(String tier, String key, long estimated, long actual) {
        long delta = actual - estimated;
        if (delta != 0) {
            tier(tier).perKey().adjust(key, delta);
            pool.adjust(poolKey, delta);
        }
    }

    /** The tier of the given name. */
    public Tier tier(String name) {
        Tier tier = tiers.get(name);
        if (tier == null) {
            throw new IllegalArgumentException("Unknown tier '" + name + "'; known tiers: " + tiers.keySet());
        }
        return tier;
    }

    /**
     * One tier.
     *
     * @param name the tier's name, for example {@code free} or {@code premium}
     * @param perKey the limit applied to each key of this tier
     * @param reserve permits of the shared pool this tier must leave for higher tiers, from 0 to
     *     less than the pool's capacity
     */
    public record Tier(String name, KeyedRateLimiter perKey, long reserve) {

        /** Checks the tier. */
        public Tier {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(perKey, "perKey");
        }
    }

    /** Builds a {@link TieredRateLimiter}. */
    public static final class Builder {
        private final KeyedRateLimiter pool;
        private final String poolKey;
        private final Map<String, Tier> tiers = new LinkedHashMap<>();

        private Builder(KeyedRateLimiter pool, String poolKey) {
            this.pool = Objects.requireNonNull(pool, "pool");
            this.poolKey = Objects.requireNonNull(poolKey, "poolKey");
        }

        /**
         * Adds a tier.
         *
         * @param reserve pool permits this tier may not use, from 0 to less than the pool's
         *     capacity; the highest tier usually has 0
         */
        public Builder tier(String name, KeyedRateLimiter perKey, long reserve) {
            long capacity = pool.config().capacity();
            if (reserve < 0 || reserve >= capacity) {
                throw new IllegalArgumentException("reserve of tier '" + name + "' must be between 0 and "
                        + (capacity - 1) + " (below the pool capacity), but was " + reserve);
            }
            if (tiers.putIfAbsent(name, new Tier(name, perKey, reserve)) != null) {
                throw new IllegalArgumentException("Tier '" + name + "' is defined twice");
            }
            return this;
        }

        /** Builds the tiered limiter; at least one tier is needed. */
        public TieredRateLimiter build() {
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("A tiered rate limiter needs at least one tier");
            }
            return new TieredRateLimiter(pool, poolKey, tiers);
        }
    }
}
