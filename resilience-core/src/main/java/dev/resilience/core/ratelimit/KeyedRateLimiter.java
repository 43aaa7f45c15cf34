package dev.resilience.core.ratelimit;

/**
 * A named rate limit applied separately to each key (a tenant, a user, an API key), with the
 * per-key state held in a bounded store.
 *
 * <p>The in-memory implementation ({@link RateLimiters#keyed}) holds at most a configured number
 * of keys, evicts idle keys without losing any state a caller could observe, and costs about 62
 * bytes per live key for the token and leaky buckets and about 101 bytes for the window counters
 * (measured with 100,000 keys, map entry included, key string excluded). When it is full of busy
 * keys, new keys are rejected until a sweep frees room. Other implementations keep the state
 * elsewhere (for example in Redis); {@link TieredRateLimiter} and {@link RateLimitGroup} work over
 * any of them.
 */
public interface KeyedRateLimiter {

    /** The name of this limit, as used in configuration and metrics. */
    String name();

    /** The settings every key is limited by. */
    RateLimitConfig config();

    /** Tries to take {@code permits} from the given key's limit; see {@link RateLimiter#tryAcquire}. */
    Decision tryAcquire(String key, long permits);

    /**
     * Takes {@code permits} from the key's limit only if they can be used now, without waiting,
     * and returns whether it did; see {@link RateLimiter#tryAcquireNow}. The in-memory store
     * answers without allocating once the key holds state; this default implementation refunds a
     * grant that would need a wait.
     */
    default boolean tryAcquireNow(String key, long permits) {
        Decision decision = tryAcquire(key, permits);
        if (decision.allowed() && decision.waitNanos() > 0) {
            adjust(key, -permits);
            return false;
        }
        return decision.allowed();
    }

    /** Corrects an earlier acquisition for the key; see {@link RateLimiter#adjust}. */
    void adjust(String key, long delta);

    /** Reports the key's state without charging it; see {@link RateLimiter#peek}. */
    Decision peek(String key);

    /** How many keys currently hold state. */
    int size();

    /**
     * Drops the state of keys that are idle (back at full capacity, nothing owed), which changes
     * nothing a caller could observe, and returns how many were dropped. Stores that expire state
     * by themselves (for example with a time to live) may do nothing and return 0.
     */
    default int evictIdle() {
        return 0;
    }
}
