package dev.resilience.spring;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Predicate;

/** Describes how two breaker settings differ, for the one log line a reconfiguration writes. */
final class BreakerConfigChanges {

    private BreakerConfigChanges() {}

    /**
     * The settings that differ, as {@code name before -> after} joined by commas, or an empty
     * string when none does. Exception predicates are compared with {@code equals}.
     */
    static String describe(BreakerConfig before, BreakerConfig after) {
        StringJoiner changes = new StringJoiner(", ");
        for (RecordComponent component : BreakerConfig.class.getRecordComponents()) {
            Object old = value(component, before);
            Object now = value(component, after);
            if (!Objects.equals(old, now)) {
                boolean predicate = component.getType() == Predicate.class;
                changes.add(
                        predicate ? component.getName() + " replaced" : component.getName() + " " + old + " -> " + now);
            }
        }
        return changes.toString();
    }

    private static Object value(RecordComponent component, BreakerConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of a BreakerConfig", ex);
        }
    }
}
