package dev.resilience.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the methods to which an annotation applies, wherever it is declared: on the method, on
 * a method it implements or overrides, or on the type (public methods).
 */
public final class AnnotationPointcut extends StaticMethodMatcherPointcut {

    private final Class<? extends Annotation> annotationType;

    /** Creates a pointcut for methods annotated, directly or through their type, with the given type. */
    public AnnotationPointcut(Class<? extends Annotation> annotationType) {
        this.annotationType = annotationType;
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return !AnnotatedMethods.find(method, targetClass, annotationType).isEmpty();
    }
}
