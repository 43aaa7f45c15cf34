package dev.resilience.spring.autoconfigure;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.RateLimitDefaults;
import dev.resilience.spring.TieredLimitConfig;
import dev.resilience.spring.autoconfigure.RateLimiterProperties.InstanceSettings;
import dev.resilience.spring.autoconfigure.RateLimiterProperties.LimitSettings;
import dev.resilience.spring.autoconfigure.RateLimiterProperties.PoolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves the settings of a named limit from {@link RateLimiterProperties} and the values of
 * its annotation, property by property, and reports an invalid value by its property path.
 */
final class RateLimitConfigResolver {

    static final String PREFIX = "resilience.ratelimiter";

    private static final Map<String, String> CORE_TO_PROPERTY = Map.of(
            "capacity", "capacity",
            "refillPermits", "rate",
            "refillPeriod", "period",
            "maxWait", "max-wait");

    private final RateLimiterProperties properties;

    RateLimitConfigResolver(RateLimiterProperties properties) {
        this.properties = properties;
    }

    /** The settings of limit {@code name}, declared with {@code declared} where it is used. */
    RateLimitConfig resolve(String name, RateLimitDefaults declared) {
        String instancePath = PREFIX + ".instances." + name;
        SettingsChain<LimitSettings> chain = new SettingsChain<>(instancePath);
        inherited(chain, name, declared);
        return build(
                chain,
                instancePath,
                "Rate limiter '" + name + "' has neither a capacity nor a rate: set " + instancePath
                        + ".capacity and .rate, or the capacity and rate of its @RateLimited annotation");
    }

    /**
     * The tiers of limit {@code name}, or {@code null} when it has none. Each tier and the pool
     * inherit unset settings from the instance, its shared config and the defaults.
     */
    TieredLimitConfig resolveTiers(String name) {
        InstanceSettings instance = properties.getInstances().get(name);
        if (instance == null || instance.getTiers().isEmpty()) {
            return null;
        }
        String instancePath = PREFIX + ".instances." + name;
        List<String> order = tierOrder(instancePath, instance);
        List<TieredLimitConfig.Tier> tiers = new ArrayList<>();
        for (String tier : order) {
            String tierPath = instancePath + ".tiers." + tier;
            SettingsChain<LimitSettings> chain = new SettingsChain<LimitSettings>(tierPath)
                    .then(tierPath, instance.getTiers().get(tier));
            inherited(chain, name, RateLimitDefaults.none(instancePath));
            tiers.add(new TieredLimitConfig.Tier(
                    tier,
                    build(
                            chain,
                            tierPath,
                            "Tier '" + tier + "' of rate limiter '" + name + "' has neither a capacity nor a rate: set "
                                    + tierPath + ".capacity and .rate")));
        }
        String poolPath = instancePath + ".pool";
        PoolSettings pool = instance.getPool();
        if (pool.getCapacity() == null && pool.getRate() == null) {
            throw new InvalidConfigurationPropertyValueException(
                    poolPath + ".capacity",
                    null,
                    "Rate limiter '" + name + "' has tiers but no pool: set " + poolPath + ".capacity and .rate,"
                            + " the limit all its tiers share");
        }
        SettingsChain<LimitSettings> poolChain = new SettingsChain<LimitSettings>(poolPath).then(poolPath, pool);
        inherited(poolChain, name, RateLimitDefaults.none(instancePath));
        RateLimitConfig poolConfig = build(poolChain, poolPath, "");
        long reserve = pool.getReserve() != null ? pool.getReserve() : 0;
        if (reserve < 0 || reserve >= poolConfig.capacity()) {
            throw new InvalidConfigurationPropertyValueException(
                    poolPath + ".reserve",
                    reserve,
                    "reserve must be at least 0 and below the pool's capacity of " + poolConfig.capacity());
        }
        String defaultTier = instance.getDefaultTier();
        if (defaultTier != null && !order.contains(defaultTier)) {
            throw new InvalidConfigurationPropertyValueException(
                    instancePath + ".default-tier", defaultTier, "No such tier; the tiers are " + order);
        }
        return new TieredLimitConfig(poolConfig, reserve, tiers, defaultTier);
    }

    private static List<String> tierOrder(String instancePath, InstanceSettings instance) {
        Set<String> names = instance.getTiers().keySet();
        List<String> order = instance.getTierOrder();
        if (order.isEmpty() && names.size() == 1) {
            return List.copyOf(names);
        }
        if (order.size() != names.size() || !names.containsAll(order)) {
            throw new InvalidConfigurationPropertyValueException(
                    instancePath + ".tier-order",
                    String.join(",", order),
                    "List every tier under " + instancePath + ".tiers exactly once, highest priority first: " + names);
        }
        return List.copyOf(order);
    }

    /** Adds the levels below the instance's own: its shared config, the annotation, the defaults. */
    private void inherited(SettingsChain<LimitSettings> chain, String name, RateLimitDefaults declared) {
        String instancePath = PREFIX + ".instances." + name;
        InstanceSettings instance = properties.getInstances().get(name);
        chain.then(instancePath, instance);
        if (instance != null && instance.getBaseConfig() != null) {
            chain.then(PREFIX + ".configs." + instance.getBaseConfig(), baseConfig(instancePath, instance));
        }
        chain.then(declared.source(), settingsOf(declared)).then(PREFIX + ".defaults", properties.getDefaults());
    }

    private static RateLimitConfig build(SettingsChain<LimitSettings> chain, String path, String missing) {
        Long capacity = chain.get("capacity", LimitSettings::getCapacity, null);
        Long rate = chain.get("rate", LimitSettings::getRate, null);
        if (capacity == null && rate == null) {
            throw new InvalidConfigurationPropertyValueException(path + ".capacity", null, missing);
        }
        Algorithm algorithm = chain.get("algorithm", LimitSettings::getAlgorithm, Algorithm.TOKEN_BUCKET);
        Duration period = chain.get("period", LimitSettings::getPeriod, Duration.ofSeconds(1));
        Duration maxWait = chain.get("max-wait", LimitSettings::getMaxWait, Duration.ZERO);
        try {
            return new RateLimitConfig(
                    algorithm, capacity != null ? capacity : rate, rate != null ? rate : capacity, period, maxWait);
        } catch (IllegalArgumentException ex) {
            throw ConfigurationFailures.translate(chain, CORE_TO_PROPERTY, ex);
        }
    }

    private LimitSettings baseConfig(String instancePath, InstanceSettings instance) {
        return ConfigurationFailures.requireBaseConfig(
                properties.getConfigs(), PREFIX, instancePath, instance.getBaseConfig());
    }

    private static LimitSettings settingsOf(RateLimitDefaults declared) {
        LimitSettings settings = new LimitSettings();
        settings.setAlgorithm(declared.algorithm());
        settings.setCapacity(declared.capacity());
        settings.setRate(declared.rate());
        settings.setPeriod(declared.period());
        return settings;
    }
}
