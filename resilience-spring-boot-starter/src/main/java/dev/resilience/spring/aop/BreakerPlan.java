package dev.resilience.spring.aop;

import dev.resilience.core.circuitbreaker.Breaker;

/**
 * What the circuit breaker advice does for one method, worked out once.
 *
 * @param breaker the breaker guarding the method
 * @param fallback the method's fallbacks, or {@code null} when it declares none
 * @param kind how the method's outcome arrives
 */
record BreakerPlan(Breaker breaker, FallbackMethods fallback, ResultKind kind) {}
