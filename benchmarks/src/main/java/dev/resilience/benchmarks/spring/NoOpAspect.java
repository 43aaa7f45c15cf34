package dev.resilience.benchmarks.spring;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.stereotype.Component;

/**
 * An around advice that only proceeds: a proxied, advised call with nothing else in it, the
 * floor for any annotation-driven guard.
 */
@Aspect
@Component
public class NoOpAspect {

    /** Proceeds with the advised call, unchanged. */
    @Around("@annotation(dev.resilience.benchmarks.spring.NoOpAdvised)")
    public Object proceed(ProceedingJoinPoint call) throws Throwable {
        return call.proceed();
    }
}
