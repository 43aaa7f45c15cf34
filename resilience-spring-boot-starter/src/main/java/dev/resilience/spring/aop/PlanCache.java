package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The plan of each (method, target class) pair, worked out once by a planner and then read on
 * every call without allocating: no composite key is built, only the method is hashed, and the
 * few target classes a method is called on are told apart by identity.
 *
 * @param <P> the plan
 */
final class PlanCache<P> {

    /** One target class's plan, linked to the plans of the method's other target classes. */
    private record Entry<P>(Class<?> targetClass, P plan, Entry<P> next) {}

    private final ConcurrentHashMap<Method, Entry<P>> byMethod = new ConcurrentHashMap<>();

    private final BiFunction<Method, Class<?>, P> planner;

    PlanCache(BiFunction<Method, Class<?>, P> planner) {
        this.planner = planner;
    }

    /** The plan of {@code method} called on {@code targetClass}, worked out on first use. */
    P get(Method method, Class<?> targetClass) {
        P plan = find(byMethod.get(method), targetClass);
        if (plan != null) {
            return plan;
        }
        // Entries are immutable and prepended under the map's lock, so each pair is planned once.
        Entry<P> head = byMethod.compute(
                method,
                (key, first) -> find(first, targetClass) != null
                        ? first
                        : new Entry<>(targetClass, planner.apply(method, targetClass), first));
        return find(head, targetClass);
    }

    private static <P> P find(Entry<P> first, Class<?> targetClass) {
        for (Entry<P> entry = first; entry != null; entry = entry.next()) {
            if (entry.targetClass() == targetClass) {
                return entry.plan();
            }
        }
        return null;
    }
}
