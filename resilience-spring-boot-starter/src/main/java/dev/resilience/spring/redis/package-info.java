/**
 * The Redis store: limiter state shared by every instance of an application through Lua scripts
 * that decide in one atomic round trip, and opt-in breaker state shared through pub/sub.
 */
package dev.resilience.spring.redis;
