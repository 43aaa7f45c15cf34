package dev.resilience.spring;

import dev.resilience.core.ratelimit.RateLimitConfig;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a limit split into priority tiers: a per-key limit for each tier, and a pool
 * shared by all tiers whose {@code reserve} only the highest tier may use.
 *
 * @param pool the limit of the shared pool, for all keys and tiers together
 * @param reserve permits of the pool every tier below the highest must leave unused
 * @param tiers the tiers from highest to lowest priority, at least one
 * @param defaultTier the tier of calls whose tier is unknown, or {@code null} when such calls fail
 */
public record TieredLimitConfig(RateLimitConfig pool, long reserve, List<Tier> tiers, String defaultTier) {

    /** Copies the tiers and checks that the default tier is one of them. */
    public TieredLimitConfig {
        Objects.requireNonNull(pool, "pool");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tiers must not be empty");
        }
        if (defaultTier != null && tiers.stream().noneMatch(tier -> tier.name().equals(defaultTier))) {
            throw new IllegalArgumentException("defaultTier '" + defaultTier + "' is not one of the tiers");
        }
    }

    /**
     * One tier.
     *
     * @param name the tier's name, as the {@code tier} expression gives it
     * @param config the limit applied to each key of this tier
     */
    public record Tier(String name, RateLimitConfig config) {

        /** Checks the tier. */
        public Tier {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }
}
