package dev.resilience.core.ratelimit.internal;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import dev.resilience.core.time.TimeSource;

/** Makes fresh buckets of one limit, all sharing its precomputed settings. */
public final class BucketFactory {

    private final GcraShape gcra;
    private final WindowShape window;
    private final RateLimitConfig config;

    /** Precomputes the settings of {@code config}; the shared origin is now. */
    public BucketFactory(RateLimitConfig config, TimeSource time) {
        this.config = config;
        boolean bucket = switch (config.algorithm()) {
            case TOKEN_BUCKET, LEAKY_BUCKET -> true;
            case FIXED_WINDOW, SLIDING_WINDOW -> false;
        };
        this.gcra = bucket ? new GcraShape(config, time) : null;
        this.window = bucket ? null : new WindowShape(config, time);
    }

    /** A fresh, full limiter of the configured algorithm. */
    public RateLimiter newLimiter() {
        return newBucket();
    }

    Bucket newBucket() {
        return switch (config.algorithm()) {
            case TOKEN_BUCKET -> new TokenBucket(gcra);
            case LEAKY_BUCKET -> new LeakyBucket(gcra);
            case FIXED_WINDOW -> new FixedWindow(window);
            case SLIDING_WINDOW -> new SlidingWindowCounter(window);
        };
    }

    /** Nanoseconds a drained bucket takes to become idle again. */
    long refillNanos() {
        return gcra != null ? gcra.tau : window.window;
    }

    RateLimitConfig config() {
        return config;
    }
}
