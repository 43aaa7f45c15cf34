package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Finds and checks the fallback methods a guarded method names.
 *
 * <p>Candidates are the methods of that name declared in the bean class, its superclasses
 * (private ones included) and the default methods of its interfaces; a method overridden in a
 * subclass counts once. A candidate takes the guarded method's parameters, optionally followed by
 * one {@link Throwable} parameter, and returns a type assignable to the guarded method's return
 * type, generics included; an asynchronous method needs an asynchronous fallback of the same
 * kind.
 */
final class FallbackResolver {

    private FallbackResolver() {}

    /**
     * Resolves the fallbacks named {@code name} for {@code guarded} called on {@code targetClass}.
     *
     * @throws GuardedMethodDefinitionException if none fits or two fit equally well
     */
    static FallbackMethods resolve(Class<?> targetClass, Method guarded, String name) {
        List<Method> named = candidates(targetClass, name).stream()
                .filter(candidate -> !sameSignature(candidate, guarded))
                .toList();
        String guardedText = AnnotatedMethods.describe(guarded);
        Class<?>[] parameters = guarded.getParameterTypes();
        Method plain = null;
        Map<Class<?>, Method> byException = new LinkedHashMap<>();
        for (Method candidate : named) {
            Class<?> exceptionType = exceptionParameter(candidate, parameters);
            if (exceptionType == null) {
                continue;
            }
            checkReturnType(targetClass, guarded, candidate, guardedText);
            if (exceptionType == Void.class) {
                plain = unique(plain, candidate, guardedText, "no exception parameter");
            } else {
                Method earlier = byException.put(exceptionType, candidate);
                unique(earlier, candidate, guardedText, "exception parameter " + exceptionType.getSimpleName());
            }
        }
        if (plain == null && byException.isEmpty()) {
            throw noneFits(guarded, guardedText, name, named);
        }
        List<Method> withException = new ArrayList<>(byException.values());
        withException.forEach(method -> method.setAccessible(true));
        if (plain != null) {
            plain.setAccessible(true);
        }
        return new FallbackMethods(plain, withException);
    }

    /**
     * {@code Void.class} for a candidate taking exactly the guarded parameters, the exception
     * type for one that adds an exception parameter, {@code null} otherwise.
     */
    private static Class<?> exceptionParameter(Method candidate, Class<?>[] parameters) {
        int count = candidate.getParameterCount();
        if (count == parameters.length && takesParameters(candidate, parameters, count)) {
            return Void.class;
        }
        if (count == parameters.length + 1 && takesParameters(candidate, parameters, parameters.length)) {
            Class<?> last = candidate.getParameterTypes()[parameters.length];
            return Throwable.class.isAssignableFrom(last) ? last : null;
        }
        return null;
    }

    private static boolean takesParameters(Method candidate, Class<?>[] parameters, int count) {
        Class<?>[] accepted = candidate.getParameterTypes();
        if (accepted.length < count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!ClassUtils.isAssignable(accepted[i], parameters[i])) {
                return false;
            }
        }
        return true;
    }

    private static Method unique(Method earlier, Method candidate, String guarded, String what) {
        if (earlier != null) {
            throw new GuardedMethodDefinitionException(
                    guarded,
                    "Fallback of " + guarded + " is ambiguous: " + AnnotatedMethods.describe(earlier) + " and "
                            + AnnotatedMethods.describe(candidate) + " both fit with " + what,
                    "Remove or rename one of them, or make their parameter types differ in the exception"
                            + " they accept.");
        }
        return candidate;
    }

    private static void checkReturnType(Class<?> targetClass, Method guarded, Method candidate, String guardedText) {
        ResolvableType expected = ResolvableType.forMethodReturnType(guarded, targetClass);
        ResolvableType actual = ResolvableType.forMethodReturnType(candidate, targetClass);
        if (!returnTypeFits(guarded.getReturnType(), expected, candidate.getReturnType(), actual)) {
            throw new GuardedMethodDefinitionException(
                    guardedText,
                    "Fallback " + AnnotatedMethods.describe(candidate) + " returns " + actual
                            + ", which cannot stand in for " + expected + " returned by " + guardedText,
                    "Make " + candidate.getName() + " return " + expected
                            + (ResultKind.of(guarded.getReturnType()).isAsync()
                                    ? " (an asynchronous method needs an asynchronous fallback of the same kind)"
                                    : " or a subtype of it")
                            + ".");
        }
    }

    private static boolean returnTypeFits(
            Class<?> expectedClass, ResolvableType expected, Class<?> actualClass, ResolvableType actual) {
        if (expectedClass == void.class) {
            return actualClass == void.class;
        }
        if (expectedClass.isPrimitive() || actualClass.isPrimitive()) {
            return ClassUtils.isAssignable(expectedClass, actualClass);
        }
        ResultKind kind = ResultKind.of(expectedClass);
        if (kind == ResultKind.COMPLETION_STAGE) {
            // Any completion stage will do: the advice adapts it to the declared type.
            return CompletionStage.class.isAssignableFrom(actualClass)
                    && expected.as(CompletionStage.class)
                            .getGeneric(0)
                            .isAssignableFrom(actual.as(CompletionStage.class).getGeneric(0));
        }
        return expected.isAssignableFrom(actual);
    }

    private static GuardedMethodDefinitionException noneFits(
            Method guarded, String guardedText, String name, List<Method> named) {
        String expected = Arrays.stream(guarded.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        String found = named.isEmpty()
                ? "no method named '" + name + "' exists in "
                        + guarded.getDeclaringClass().getName() + ", its superclasses or interfaces"
                : "found only " + named.stream().map(AnnotatedMethods::describe).collect(Collectors.joining(", "));
        String withException = expected.isEmpty() ? "(Throwable)" : "(" + expected + ", Throwable)";
        return new GuardedMethodDefinitionException(
                guardedText,
                "Fallback method '" + name + "' of " + guardedText + " not found with a fitting parameter list: "
                        + found,
                "Declare " + name + "(" + expected + ") or " + name + withException
                        + " (any Throwable subtype as the last parameter) in the same class, a superclass or an"
                        + " interface, or remove fallbackMethod.");
    }

    private static boolean sameSignature(Method candidate, Method guarded) {
        // A method cannot be its own fallback, even when an overload shares its name.
        return candidate.getName().equals(guarded.getName())
                && Arrays.equals(candidate.getParameterTypes(), guarded.getParameterTypes());
    }

    private static List<Method> candidates(Class<?> targetClass, String name) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> type = targetClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()) {
                    // The most derived declaration of a signature wins: an override is one method.
                    bySignature.putIfAbsent(Arrays.toString(method.getParameterTypes()), method);
                }
            }
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>(ClassUtils.getAllInterfacesForClassAsSet(targetClass));
        for (Class<?> type : interfaces) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.isDefault()) {
                    bySignature.putIfAbsent(Arrays.toString(method.getParameterTypes()), method);
                }
            }
        }
        return bySignature.values().stream()
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .toList();
    }
}
