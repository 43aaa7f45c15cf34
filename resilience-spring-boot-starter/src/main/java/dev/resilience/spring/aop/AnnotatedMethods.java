package dev.resilience.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;

/**
 * Finds the resilience annotations that apply to a method of a bean class: on the method itself,
 * on a method it implements or overrides (interfaces included), or on the type for a public
 * method.
 */
final class AnnotatedMethods {

    private AnnotatedMethods() {}

    /**
     * The annotations of {@code type} that apply to {@code method} when called on an instance of
     * {@code targetClass}; method-level annotations hide type-level ones.
     */
    static <A extends Annotation> List<A> find(Method method, Class<?> targetClass, Class<A> type) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        if (specific.getDeclaringClass() == Object.class || specific.isBridge() || specific.isSynthetic()) {
            return List.of();
        }
        List<A> onMethod = findOn(specific, type);
        if (!onMethod.isEmpty()) {
            return onMethod;
        }
        if (!Modifier.isPublic(specific.getModifiers()) || Modifier.isStatic(specific.getModifiers())) {
            return List.of();
        }
        return findOn(targetClass, type);
    }

    private static <A extends Annotation> List<A> findOn(AnnotatedElement element, Class<A> type) {
        // Searches superclasses and interfaces too, and unpacks repeated annotations. Only the
        // nearest declaring element counts, so an override's annotations replace inherited ones.
        List<MergedAnnotation<A>> found =
                MergedAnnotations.from(
                                element, SearchStrategy.TYPE_HIERARCHY, RepeatableContainers.standardRepeatables())
                        .stream(type)
                        .toList();
        if (found.isEmpty()) {
            return List.of();
        }
        int nearest = found.stream()
                .mapToInt(MergedAnnotation::getAggregateIndex)
                .min()
                .getAsInt();
        return found.stream()
                .filter(annotation -> annotation.getAggregateIndex() == nearest)
                .map(MergedAnnotation::synthesize)
                .toList();
    }

    /**
     * Whether {@code method}, a public method of {@code targetClass}, is covered only by a
     * type-level annotation naming it as the fallback: such a method is the fallback, not a
     * guarded method.
     */
    static boolean isTypeLevelFallback(
            Method method, Class<?> targetClass, Class<? extends Annotation> type, List<String> fallbackNames) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return fallbackNames.contains(specific.getName())
                && findOn(specific, type).isEmpty();
    }

    /** The method as the user reads it, for messages: {@code ChatService.complete(ChatRequest)}. */
    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName())
                .append('.')
                .append(method.getName())
                .append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return text.append(')').toString();
    }
}
