package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Works out the plan of every annotated method of every bean at startup, so that a fallback that
 * does not fit, an expression that does not parse or an impossible static cost stops the
 * application rather than failing its first call.
 *
 * <p>Bean classes are collected as beans are created and checked once every singleton exists
 * (checking earlier would create the advice while its own dependencies are being created); beans
 * created later, such as lazy ones, are checked when they are created.
 */
public final class GuardedMethodValidator implements BeanPostProcessor, SmartInitializingSingleton {

    private final ObjectProvider<CircuitBreakerInterceptor> breakers;

    private final ObjectProvider<RateLimitInterceptor> limiters;

    private final Set<Class<?>> pending = new LinkedHashSet<>();

    private volatile boolean started;

    /** Creates the validator; the advice is looked up when the first check runs. */
    public GuardedMethodValidator(
            ObjectProvider<CircuitBreakerInterceptor> breakers, ObjectProvider<RateLimitInterceptor> limiters) {
        this.breakers = breakers;
        this.limiters = limiters;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        if (userClass.getName().startsWith("org.springframework.")) {
            return bean;
        }
        if (started) {
            check(userClass);
        } else {
            synchronized (pending) {
                pending.add(userClass);
            }
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        started = true;
        synchronized (pending) {
            pending.forEach(this::check);
            pending.clear();
        }
    }

    private void check(Class<?> userClass) {
        CircuitBreakerInterceptor breakerAdvice = breakers.getIfAvailable();
        RateLimitInterceptor limitAdvice = limiters.getIfAvailable();
        ReflectionUtils.doWithMethods(
                userClass,
                method -> {
                    if (breakerAdvice != null) {
                        breakerAdvice.plan(method, userClass);
                    }
                    if (limitAdvice != null) {
                        limitAdvice.plan(method, userClass);
                    }
                },
                GuardedMethodValidator::candidate);
    }

    private static boolean candidate(Method method) {
        return method.getDeclaringClass() != Object.class
                && !Modifier.isStatic(method.getModifiers())
                && !method.isBridge()
                && !method.isSynthetic();
    }
}
