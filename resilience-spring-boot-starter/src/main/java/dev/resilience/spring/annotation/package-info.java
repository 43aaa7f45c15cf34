/** The annotations users put on their methods: {@code @RateLimited} and {@code @CircuitBreaker}. */
package dev.resilience.spring.annotation;
