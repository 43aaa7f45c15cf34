package dev.resilience.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards the annotated method with the circuit breaker named {@link #name()}.
 *
 * <p>Outcomes of calls are recorded by the breaker; while it is open, calls are not invoked and
 * go to the fallback method, or fail with {@link dev.resilience.spring.CallNotPermittedException}
 * (for web requests: {@code 503 Service Unavailable} with {@code Retry-After}). The breaker is
 * configured under {@code resilience.circuitbreaker.instances.<name>}.
 *
 * <p>On a type, the annotation applies to every public method; it is honoured on interface
 * methods too. The breaker guards outside any {@link RateLimited} limit on the same method: an
 * open breaker spends no permits, and a rate-limit rejection is not counted as a failure.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface CircuitBreaker {

    /** The breaker's name, as used in configuration, Actuator and metrics. */
    String name();

    /**
     * Name of the method that answers instead when the call fails or is not permitted. It takes
     * the guarded method's parameters, optionally followed by one exception parameter (the most
     * specific type that matches the failure is chosen), lives in the same class, a superclass or
     * an interface (private and default methods included), and returns a type assignable to the
     * guarded method's. Empty (the default) means no fallback.
     */
    String fallbackMethod() default "";
}
