package dev.resilience.spring.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves settings property by property through levels ordered from most to least specific,
 * remembering where each value came from so that an invalid one can be reported by its path.
 *
 * @param <S> the type holding one level's settings, with {@code null} for unset values
 */
final class SettingsChain<S> {

    private final List<Level<S>> levels = new ArrayList<>();

    private final Map<String, Origin> origins = new HashMap<>();

    private final String instancePath;

    /** Creates a chain for the instance whose properties live under {@code instancePath}. */
    SettingsChain(String instancePath) {
        this.instancePath = instancePath;
    }

    /** Adds the next, less specific, level; {@code path} is its property prefix. */
    SettingsChain<S> then(String path, S settings) {
        if (settings != null) {
            levels.add(new Level<>(path, settings));
        }
        return this;
    }

    /** The most specific value set for {@code property}, or {@code builtIn} when none is. */
    <T> T get(String property, Function<S, T> getter, T builtIn) {
        for (Level<S> level : levels) {
            T value = getter.apply(level.settings());
            if (value != null) {
                origins.put(property, new Origin(level.path() + "." + property, value));
                return value;
            }
        }
        return builtIn;
    }

    /**
     * Turns a validation failure of {@code property} into a failure naming the property path the
     * offending value came from (the instance's own path for built-in defaults).
     */
    InvalidConfigurationPropertyValueException invalid(String property, String reason) {
        Origin origin = origins.get(property);
        if (origin == null) {
            return new InvalidConfigurationPropertyValueException(instancePath + "." + property, null, reason);
        }
        return new InvalidConfigurationPropertyValueException(origin.path(), origin.value(), reason);
    }

    private record Level<S>(String path, S settings) {}

    private record Origin(String path, Object value) {}
}
