package dev.resilience.spring.autoconfigure;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.RateLimitDefaults;
import dev.resilience.spring.autoconfigure.RateLimiterProperties.InstanceSettings;
import dev.resilience.spring.autoconfigure.RateLimiterProperties.LimitSettings;
import java.time.Duration;
import java.util.Map;
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
        InstanceSettings instance = properties.getInstances().get(name);
        SettingsChain<LimitSettings> chain =
                new SettingsChain<LimitSettings>(instancePath).then(instancePath, instance);
        if (instance != null && instance.getBaseConfig() != null) {
            chain.then(PREFIX + ".configs." + instance.getBaseConfig(), baseConfig(instancePath, instance));
        }
        chain.then(declared.source(), settingsOf(declared)).then(PREFIX + ".defaults", properties.getDefaults());
        Long capacity = chain.get("capacity", LimitSettings::getCapacity, null);
        Long rate = chain.get("rate", LimitSettings::getRate, null);
        if (capacity == null && rate == null) {
            throw new InvalidConfigurationPropertyValueException(
                    instancePath + ".capacity",
                    null,
                    "Rate limiter '" + name + "' has neither a capacity nor a rate: set " + instancePath
                            + ".capacity and .rate, or the capacity and rate of its @RateLimited annotation");
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
        LimitSettings base = properties.getConfigs().get(instance.getBaseConfig());
        if (base == null) {
            throw new InvalidConfigurationPropertyValueException(
                    instancePath + ".base-config",
                    instance.getBaseConfig(),
                    "No such shared config; known: " + properties.getConfigs().keySet() + " under " + PREFIX
                            + ".configs");
        }
        return base;
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
