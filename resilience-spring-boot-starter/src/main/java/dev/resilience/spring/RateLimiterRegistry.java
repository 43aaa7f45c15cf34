package dev.resilience.spring;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.store.RateLimiterStore;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's rate limiters by name. Every configured instance is created when the registry
 * is; limiters named only by an annotation are created on first use, from the annotation's values
 * overridden by configuration.
 *
 * <p>A name denotes one limiter: the first definition of a name wins. A name configured with
 * priority tiers denotes a {@link TieredLimit}; {@link #get(String)} then gives its shared pool.
 */
public final class RateLimiterRegistry {

    private static final Logger logger = LoggerFactory.getLogger(RateLimiterRegistry.class);

    private final RateLimiterStore store;

    private final BiFunction<String, RateLimitDefaults, RateLimitConfig> configs;

    private final Map<String, KeyedRateLimiter> limiters = new ConcurrentHashMap<>();

    private final Map<String, Map<RateLimitConfig, KeyedRateLimiter>> variants = new ConcurrentHashMap<>();

    private final Function<String, TieredLimitConfig> tierConfigs;

    private final Map<String, TieredLimit> tiered = new ConcurrentHashMap<>();

    private final List<Consumer<KeyedRateLimiter>> creationCallbacks = new CopyOnWriteArrayList<>();

    /**
     * Creates the registry and every configured limiter.
     *
     * @param store where the limiters keep their state
     * @param configs resolves the settings of a name, given the values declared where it is used
     * @param configuredNames the names of the configured instances
     */
    public RateLimiterRegistry(
            RateLimiterStore store,
            BiFunction<String, RateLimitDefaults, RateLimitConfig> configs,
            Collection<String> configuredNames) {
        this(store, configs, name -> null, configuredNames);
    }

    /**
     * Creates the registry and every configured limiter, tiered ones included.
     *
     * @param store where the limiters keep their state
     * @param configs resolves the settings of a name, given the values declared where it is used
     * @param tierConfigs resolves the tiers of a name, or gives {@code null} for an untiered name
     * @param configuredNames the names of the configured instances
     */
    public RateLimiterRegistry(
            RateLimiterStore store,
            BiFunction<String, RateLimitDefaults, RateLimitConfig> configs,
            Function<String, TieredLimitConfig> tierConfigs,
            Collection<String> configuredNames) {
        this.store = store;
        this.configs = configs;
        this.tierConfigs = tierConfigs;
        for (String name : configuredNames) {
            get(name, RateLimitDefaults.none("resilience.ratelimiter.instances." + name));
        }
    }

    /**
     * The limiter with the given name.
     *
     * @throws IllegalArgumentException if no limiter of that name exists yet and configuration
     *     alone does not define one
     */
    public KeyedRateLimiter get(String name) {
        KeyedRateLimiter limiter = limiters.get(name);
        return limiter != null ? limiter : get(name, RateLimitDefaults.none(name));
    }

    /** The limiter with the given name, created from {@code defaults} and configuration if new. */
    public KeyedRateLimiter get(String name, RateLimitDefaults defaults) {
        KeyedRateLimiter existing = limiters.get(name);
        if (existing != null) {
            return existing;
        }
        KeyedRateLimiter[] created = new KeyedRateLimiter[1];
        KeyedRateLimiter limiter = limiters.computeIfAbsent(name, n -> {
            TieredLimitConfig tiers = tierConfigs.apply(n);
            if (tiers != null) {
                TieredLimit limit = TieredLimit.create(store, n, tiers);
                tiered.put(n, limit);
                created[0] = limit.pool();
            } else {
                created[0] = store.create(n, configs.apply(n, defaults));
            }
            return created[0];
        });
        if (created[0] != null) {
            // Only the thread whose function ran announces the new limiter, exactly once.
            creationCallbacks.forEach(callback -> callback.accept(limiter));
        }
        return limiter;
    }

    /**
     * The limiter named {@code name} enforcing {@code config} instead of its configured settings:
     * the configured limiter itself when the settings are equal, else one limiter per distinct
     * setting, created on first use (logged once). Used for limits a {@link LimitResolver}
     * chooses at call time.
     */
    public KeyedRateLimiter variant(String name, RateLimitConfig config) {
        KeyedRateLimiter base = get(name);
        if (base.config().equals(config)) {
            return base;
        }
        return variants.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).computeIfAbsent(config, c -> {
            logger.info("Rate limiter '{}' now also enforces {} for the keys resolved to it", name, c);
            return store.create(name, c);
        });
    }

    /** The tiered limit of that name, or {@code null} when the name is not configured with tiers. */
    public TieredLimit tiered(String name) {
        return tiered.get(name);
    }

    /** Whether a limiter of that name exists. */
    public boolean contains(String name) {
        return limiters.containsKey(name);
    }

    /** The names of every limiter created so far, configured ones included. */
    public Set<String> names() {
        return Collections.unmodifiableSet(limiters.keySet());
    }

    /** Every limiter created so far. */
    public Collection<KeyedRateLimiter> all() {
        return Collections.unmodifiableCollection(limiters.values());
    }

    /** Runs {@code callback} for every existing limiter now and for every later one on creation. */
    public void onCreation(Consumer<KeyedRateLimiter> callback) {
        creationCallbacks.add(callback);
        limiters.values().forEach(callback);
    }
}
