package dev.resilience.spring.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback methods of one guarded method, resolved and checked at startup: at most one
 * without an exception parameter, and at most one per exception type.
 *
 * <p>For a failure, the fallback whose exception parameter is the most specific supertype of the
 * failure is chosen, else the one without an exception parameter; the choice is cached per
 * failure type.
 */
final class FallbackMethods {

    private static final Method NONE = noneMarker();

    private final Method plain;

    private final List<Method> withException;

    private final Map<Class<?>, Method> chosen = new ConcurrentHashMap<>();

    FallbackMethods(Method plain, List<Method> withException) {
        this.plain = plain;
        this.withException = List.copyOf(withException);
    }

    /** Whether some fallback accepts {@code failure}. */
    boolean handles(Throwable failure) {
        return choose(failure.getClass()) != NONE;
    }

    /**
     * Calls the fallback for {@code failure} on {@code target} with the guarded call's arguments,
     * or rethrows {@code failure} when none accepts it. An exception thrown by the fallback
     * propagates as it is, unwrapped.
     */
    Object invoke(Object target, Object[] arguments, Throwable failure) throws Throwable {
        Method method = choose(failure.getClass());
        if (method == NONE) {
            throw failure;
        }
        Object[] callArguments = arguments;
        if (method != plain) {
            callArguments = Arrays.copyOf(arguments, arguments.length + 1);
            callArguments[arguments.length] = failure;
        }
        try {
            return method.invoke(target, callArguments);
        } catch (InvocationTargetException ex) {
            throw ex.getTargetException();
        }
    }

    private Method choose(Class<?> failureType) {
        return chosen.computeIfAbsent(failureType, this::mostSpecific);
    }

    private Method mostSpecific(Class<?> failureType) {
        Method best = null;
        Class<?> bestType = null;
        for (Method method : withException) {
            Class<?> accepted = method.getParameterTypes()[method.getParameterCount() - 1];
            // Exception types are classes, so those accepting one failure type form a chain.
            if (accepted.isAssignableFrom(failureType) && (bestType == null || bestType.isAssignableFrom(accepted))) {
                best = method;
                bestType = accepted;
            }
        }
        if (best != null) {
            return best;
        }
        return plain != null ? plain : NONE;
    }

    private static Method noneMarker() {
        try {
            return FallbackMethods.class.getDeclaredMethod("noneMarker");
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
