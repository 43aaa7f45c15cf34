/** Heap footprint of keyed limiters and circuit breakers, measured after a full collection. */
package dev.resilience.benchmarks.memory;
