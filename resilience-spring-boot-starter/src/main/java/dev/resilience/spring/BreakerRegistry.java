package dev.resilience.spring;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.time.TimeSource;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's circuit breakers by name. Every configured breaker is created when the
 * registry is, so that it is listed before its first call; a breaker named only by an annotation
 * is created on first use from the defaults.
 *
 * <p>A breaker's settings can be replaced while the application runs ({@link #reconfigure});
 * the breaker keeps its identity and state, so callers holding it see the new settings.
 */
public final class BreakerRegistry {

    private static final Logger logger = LoggerFactory.getLogger(BreakerRegistry.class);

    private final Function<String, BreakerConfig> configs;

    private final TimeSource time;

    private final Map<String, ReconfigurableBreaker> breakers = new ConcurrentHashMap<>();

    private final List<Consumer<Breaker>> creationCallbacks = new CopyOnWriteArrayList<>();

    /**
     * Creates the registry and every configured breaker.
     *
     * @param configs resolves the settings of a breaker by name
     * @param time the time source the breakers read
     * @param configuredNames the names of the configured instances
     */
    public BreakerRegistry(
            Function<String, BreakerConfig> configs, TimeSource time, Collection<String> configuredNames) {
        this.configs = configs;
        this.time = time;
        configuredNames.forEach(this::get);
    }

    /** The breaker with the given name, created from configuration if new. */
    public Breaker get(String name) {
        Breaker existing = breakers.get(name);
        if (existing != null) {
            return existing;
        }
        Breaker[] created = new Breaker[1];
        Breaker breaker = breakers.computeIfAbsent(name, n -> {
            ReconfigurableBreaker fresh = new ReconfigurableBreaker(n, configs.apply(n), time);
            created[0] = fresh;
            return fresh;
        });
        if (created[0] != null) {
            // Only the thread whose function ran announces the new breaker, exactly once.
            creationCallbacks.forEach(callback -> callback.accept(breaker));
        }
        return breaker;
    }

    /**
     * Replaces the settings of breaker {@code name} now, keeping its state (see {@link
     * Breaker#transitionTo} for what starts afresh); logs the change once at INFO.
     *
     * @return whether the settings changed; unchanged settings leave the breaker untouched
     * @throws IllegalArgumentException if there is no breaker of that name
     */
    public boolean reconfigure(String name, BreakerConfig config) {
        ReconfigurableBreaker breaker = breakers.get(name);
        if (breaker == null) {
            throw new IllegalArgumentException("No circuit breaker named '" + name + "'; known: " + names());
        }
        synchronized (breaker) {
            BreakerConfig before = breaker.config();
            String changes = BreakerConfigChanges.describe(before, config);
            if (changes.isEmpty()) {
                return false;
            }
            breaker.reconfigure(config);
            logger.info("Circuit breaker '{}' reconfigured in state {}: {}", name, breaker.state(), changes);
            return true;
        }
    }

    /** Whether a breaker of that name exists. */
    public boolean contains(String name) {
        return breakers.containsKey(name);
    }

    /** The names of every breaker created so far. */
    public Set<String> names() {
        return Collections.unmodifiableSet(breakers.keySet());
    }

    /** Every breaker created so far, configured ones included. */
    public Collection<Breaker> all() {
        return Collections.unmodifiableCollection(breakers.values());
    }

    /** Runs {@code callback} for every existing breaker now and for every later one on creation. */
    public void onCreation(Consumer<Breaker> callback) {
        creationCallbacks.add(callback);
        breakers.values().forEach(callback);
    }
}
