package dev.resilience.spring.redis;

/** What a Redis-backed limiter decides while Redis cannot answer. */
public enum RedisFailurePolicy {

    /** Admit every call: availability over limits. */
    ALLOW,

    /** Reject every call: limits over availability. */
    DENY,

    /**
     * Decide with an in-memory limiter of the same settings in this instance: each instance then
     * enforces the whole limit on its own, so the fleet admits up to one limit per instance.
     */
    LOCAL
}
