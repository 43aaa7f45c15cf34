/** Implementations of the circuit breaker; not an API, use {@code Breakers}. */
package dev.resilience.core.circuitbreaker.internal;
