package dev.resilience.spring;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.Breakers;
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

/**
 * The application's circuit breakers by name. Every configured breaker is created when the
 * registry is, so that it is listed before its first call; a breaker named only by an annotation
 * is created on first use from the defaults.
 */
public final class BreakerRegistry {

    private final Function<String, BreakerConfig> configs;

    private final TimeSource time;

    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

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
            created[0] = Breakers.create(n, configs.apply(n), time);
            return created[0];
        });
        if (created[0] != null) {
            // Only the thread whose function ran announces the new breaker, exactly once.
            creationCallbacks.forEach(callback -> callback.accept(breaker));
        }
        return breaker;
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
