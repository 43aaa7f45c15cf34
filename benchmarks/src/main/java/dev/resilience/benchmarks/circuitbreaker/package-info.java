/** Circuit breaker benchmarks: the closed path and the open path as a caller sees them. */
package dev.resilience.benchmarks.circuitbreaker;
