/** Implementations of the rate limiting algorithms; not an API, use {@code RateLimiters}. */
package dev.resilience.core.ratelimit.internal;
