package dev.resilience.spring;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.GroupDecision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.TieredRateLimiter;
import dev.resilience.spring.store.RateLimiterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named limit split into priority tiers over a shared pool, built from limiters of the
 * configured {@link RateLimiterStore} so that it works on every store.
 *
 * <p>Each tier is seen as a {@link KeyedRateLimiter} of its own ({@link #forTier}): taking
 * permits from it takes them from the tier's per-key limit and from the pool, all-or-nothing,
 * and adjusting it adjusts both, so refunds and reconciliation reach the pool too.
 */
public final class TieredLimit {

    /** The single key under which the pool keeps its state. */
    static final String POOL_KEY = "pool";

    private final String name;

    private final KeyedRateLimiter pool;

    private final Map<String, KeyedRateLimiter> tiers;

    private final String defaultTier;

    private TieredLimit(String name, KeyedRateLimiter pool, Map<String, KeyedRateLimiter> tiers, String defaultTier) {
        this.name = name;
        this.pool = pool;
        this.tiers = tiers;
        this.defaultTier = defaultTier;
    }

    /**
     * Creates the limiters of a tiered limit in {@code store}: the pool under {@code name}, and
     * each tier under {@code name[tier]}.
     */
    static TieredLimit create(RateLimiterStore store, String name, TieredLimitConfig config) {
        KeyedRateLimiter pool = store.create(name, config.pool());
        TieredRateLimiter.Builder builder = TieredRateLimiter.builder(pool, POOL_KEY);
        List<TieredLimitConfig.Tier> order = config.tiers();
        for (int i = 0; i < order.size(); i++) {
            TieredLimitConfig.Tier tier = order.get(i);
            KeyedRateLimiter perKey = store.create(name + "[" + tier.name() + "]", tier.config());
            // The highest tier may use the whole pool; every lower one leaves the reserve.
            builder.tier(tier.name(), perKey, i == 0 ? 0 : config.reserve());
        }
        TieredRateLimiter limiter = builder.build();
        Map<String, KeyedRateLimiter> views = new LinkedHashMap<>();
        for (TieredLimitConfig.Tier tier : order) {
            views.put(tier.name(), new TierView(name, tier.name(), limiter));
        }
        return new TieredLimit(name, pool, Map.copyOf(views), config.defaultTier());
    }

    /** The name of the limit. */
    public String name() {
        return name;
    }

    /** The pool shared by every tier, whose single key is {@code pool}. */
    public KeyedRateLimiter pool() {
        return pool;
    }

    /** The names of the tiers. */
    public Set<String> tierNames() {
        return tiers.keySet();
    }

    /** The tier of calls whose tier is unknown, or {@code null} when such calls fail. */
    public String defaultTier() {
        return defaultTier;
    }

    /**
     * The configured tier a call with tier {@code tier} belongs to: the tier itself when known,
     * else the default tier.
     *
     * @throws IllegalArgumentException if the tier is unknown and no default tier is configured
     */
    public String resolve(String tier) {
        if (tier != null && tiers.containsKey(tier)) {
            return tier;
        }
        if (defaultTier != null) {
            return defaultTier;
        }
        String path = "resilience.ratelimiter.instances." + name;
        throw new IllegalArgumentException("Rate limiter '" + name + "' has no tier '" + tier + "'; its tiers are "
                + tiers.keySet() + ". Add the tier under " + path + ".tiers, or set " + path
                + ".default-tier to the tier such calls belong to");
    }

    /**
     * The limiter of the given tier, or of the default tier when {@code tier} is {@code null} or
     * unknown and a default tier is configured.
     *
     * @throws IllegalArgumentException if the tier is unknown and no default tier is configured
     */
    public KeyedRateLimiter forTier(String tier) {
        return tiers.get(resolve(tier));
    }

    /** One tier seen as a keyed limiter: every charge and adjustment also reaches the pool. */
    private record TierView(String name, String tier, TieredRateLimiter limiter) implements KeyedRateLimiter {

        @Override
        public RateLimitConfig config() {
            return limiter.tier(tier).perKey().config();
        }

        @Override
        public Decision tryAcquire(String key, long permits) {
            GroupDecision group = limiter.tryAcquire(tier, key, permits);
            Decision own = group.decisions().get(0);
            if (group.allowed()) {
                // The tier's own limit is what the caller is entitled to; report that.
                return new Decision(
                        true, permits, own.remaining(), own.limit(), 0, own.resetAfterNanos(), group.waitNanos());
            }
            if (group.rejectedIndex() == 0) {
                return own;
            }
            Decision shared = group.decisions().get(1);
            long reserve = limiter.tier(tier).reserve();
            // The pool was asked for the permits plus the reserve; report the permits asked for.
            return Decision.reject(
                    permits,
                    Math.max(0, shared.remaining() - reserve),
                    shared.limit(),
                    shared.retryAfterNanos(),
                    shared.resetAfterNanos());
        }

        @Override
        public void adjust(String key, long delta) {
            limiter.reconcile(tier, key, 0, delta);
        }

        @Override
        public Decision peek(String key) {
            return limiter.tier(tier).perKey().peek(key);
        }

        @Override
        public int size() {
            return limiter.tier(tier).perKey().size();
        }

        @Override
        public int evictIdle() {
            return limiter.tier(tier).perKey().evictIdle();
        }
    }
}
