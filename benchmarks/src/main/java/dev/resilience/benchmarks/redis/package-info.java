/** The Redis rate limiter store against a local redis-server: decisions per second, round trips. */
package dev.resilience.benchmarks.redis;
