package dev.resilience.spring.autoconfigure;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.RateLimiters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Rate limiter settings under {@code resilience.ratelimiter}.
 *
 * <p>Each limit is resolved setting by setting, most specific first: {@code instances.<name>},
 * then the shared {@code configs.<base-config>} it names, then the values of the
 * {@code @RateLimited} annotation, then {@code defaults}, then the built-in defaults.
 *
 * <p>Binding is strict: a misspelled property stops startup naming it. The Redis store binds its
 * own settings under {@code resilience.ratelimiter.redis}, which this class accepts unread.
 */
@ConfigurationProperties(prefix = "resilience.ratelimiter", ignoreUnknownFields = false)
public class RateLimiterProperties {

    /** Default order of the rate limiting advice: inside the circuit breaker advice. */
    public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** Where the limiters keep their state: in this JVM's memory, or shared in Redis. */
    private Store store = Store.MEMORY;

    /**
     * Order of the rate limiting advice among other advice; lower runs further outside. Keep it
     * above {@code resilience.circuitbreaker.order} so that an open breaker spends no permits.
     */
    private int order = DEFAULT_ORDER;

    /** Most keys one in-memory limiter holds state for; idle keys are evicted first. */
    private int maxKeys = RateLimiters.DEFAULT_MAX_KEYS;

    /**
     * The Redis store's settings, bound and documented by the Redis store itself; held here only
     * so that strict binding accepts them.
     */
    private final Map<String, Object> redis = new LinkedHashMap<>();

    /** Settings every limit starts from. */
    private final LimitSettings defaults = new LimitSettings();

    /** Shared settings that instances name with {@code base-config}. */
    private final Map<String, LimitSettings> configs = new LinkedHashMap<>();

    /** Settings of each named limit; every instance listed here is created at startup. */
    private final Map<String, InstanceSettings> instances = new LinkedHashMap<>();

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public int getMaxKeys() {
        return maxKeys;
    }

    public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public Map<String, Object> getRedis() {
        return redis;
    }

    public LimitSettings getDefaults() {
        return defaults;
    }

    public Map<String, LimitSettings> getConfigs() {
        return configs;
    }

    public Map<String, InstanceSettings> getInstances() {
        return instances;
    }

    /** Where limiter state lives. */
    public enum Store {
        /** In this JVM's memory: fast, per instance. */
        MEMORY,
        /** In Redis, shared by every instance of the application. */
        REDIS
    }

    /** The settings of one limit; unset values are inherited from the next less specific level. */
    public static class LimitSettings {

        /** Algorithm that enforces the limit; built-in default {@code token-bucket}. */
        private Algorithm algorithm;

        /** Most permits available at once (the burst); defaults to the rate. */
        private Long capacity;

        /** Permits that come back per period; defaults to the capacity. */
        private Long rate;

        /** Period over which {@code rate} permits come back; built-in default 1s. */
        private Duration period;

        /** Longest a caller may be parked waiting for permits; built-in default 0 (never). */
        private Duration maxWait;

        public Algorithm getAlgorithm() {
            return algorithm;
        }

        public void setAlgorithm(Algorithm algorithm) {
            this.algorithm = algorithm;
        }

        public Long getCapacity() {
            return capacity;
        }

        public void setCapacity(Long capacity) {
            this.capacity = capacity;
        }

        public Long getRate() {
            return rate;
        }

        public void setRate(Long rate) {
            this.rate = rate;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }
    }

    /**
     * The settings of one named limit, optionally based on a shared config, and optionally split
     * into priority tiers that draw from a shared pool.
     */
    public static class InstanceSettings extends LimitSettings {

        /** Name of the entry under {@code configs} this instance inherits from. */
        private String baseConfig;

        /**
         * The per-key limit of each priority tier, by tier name; unset values are inherited from
         * this instance's own settings. With tiers, the {@code tier} expression of the annotation
         * selects the tier of each call, and every call also draws from the {@code pool}.
         */
        private final Map<String, LimitSettings> tiers = new LinkedHashMap<>();

        /** The tiers from highest to lowest priority; needed when there is more than one tier. */
        private List<String> tierOrder = new ArrayList<>();

        /** The tier of calls whose tier expression gives no known tier; unset: such calls fail. */
        private String defaultTier;

        /** The pool every tier draws from, with the reserve only the highest tier may use. */
        private final PoolSettings pool = new PoolSettings();

        public String getBaseConfig() {
            return baseConfig;
        }

        public void setBaseConfig(String baseConfig) {
            this.baseConfig = baseConfig;
        }

        public Map<String, LimitSettings> getTiers() {
            return tiers;
        }

        public List<String> getTierOrder() {
            return tierOrder;
        }

        public void setTierOrder(List<String> tierOrder) {
            this.tierOrder = tierOrder;
        }

        public String getDefaultTier() {
            return defaultTier;
        }

        public void setDefaultTier(String defaultTier) {
            this.defaultTier = defaultTier;
        }

        public PoolSettings getPool() {
            return pool;
        }
    }

    /** The pool shared by the tiers of one limit: one limit for all keys and tiers together. */
    public static class PoolSettings extends LimitSettings {

        /**
         * Permits of the pool that every tier below the highest must leave unused, so that the
         * highest tier still finds them when the lower tiers saturate the pool; built-in default 0.
         */
        private Long reserve;

        public Long getReserve() {
            return reserve;
        }

        public void setReserve(Long reserve) {
            this.reserve = reserve;
        }
    }
}
