package dev.resilience.spring.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Settings of the Redis rate limiter store, used when {@code resilience.ratelimiter.store=redis}. */
@ConfigurationProperties("resilience.ratelimiter.redis")
public class RedisRateLimiterProperties {

    /**
     * Prefix of every key the store writes. A key reads {@code <prefix>{<limit>:<key>}:<algorithm>},
     * for example {@code resilience:{chat:tenant-a}:tb}; the braces keep all state of one limit and
     * key in one Redis Cluster slot.
     */
    private String keyPrefix = "resilience:";

    /** What limiters decide while Redis cannot answer: allow, deny or local. */
    private RedisFailurePolicy failurePolicy = RedisFailurePolicy.LOCAL;

    /**
     * Longest wait for Redis to answer one decision; it bounds the latency a slow or unreachable
     * Redis adds to a call. From 1ms to 1 minute.
     */
    private Duration commandTimeout = Duration.ofMillis(250);

    /** Failed Redis calls in a row after which the store stops trying Redis for a while. */
    private int failureThreshold = 3;

    /**
     * How long the store stops trying Redis after repeated failures; then one call probes it and,
     * if it answers, the store uses it again.
     */
    private Duration retryInterval = Duration.ofSeconds(5);

    /** Most keys held per limit by the in-memory limiters of the {@code local} policy. */
    private int localMaxKeys = 100_000;

    /** The key prefix. */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** Sets the key prefix. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** The failure policy. */
    public RedisFailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    /** Sets the failure policy. */
    public void setFailurePolicy(RedisFailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    /** The command timeout. */
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    /** Sets the command timeout. */
    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** The failures in a row that stop the store from trying Redis. */
    public int getFailureThreshold() {
        return failureThreshold;
    }

    /** Sets the failures in a row that stop the store from trying Redis. */
    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    /** The pause after repeated failures. */
    public Duration getRetryInterval() {
        return retryInterval;
    }

    /** Sets the pause after repeated failures. */
    public void setRetryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    /** The key bound of the local fallback limiters. */
    public int getLocalMaxKeys() {
        return localMaxKeys;
    }

    /** Sets the key bound of the local fallback limiters. */
    public void setLocalMaxKeys(int localMaxKeys) {
        this.localMaxKeys = localMaxKeys;
    }

    /**
     * Checks every setting and names the first invalid one with its property path.
     *
     * @throws InvalidConfigurationPropertyValueException when a setting is out of range
     */
    void validate() {
        String prefix = "resilience.ratelimiter.redis.";
        if (keyPrefix == null || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw invalid(
                    prefix + "key-prefix",
                    keyPrefix,
                    prefix + "key-prefix must not be null nor contain braces, but was '" + keyPrefix + "'");
        }
        if (failurePolicy == null) {
            throw invalid(prefix + "failure-policy", null, prefix + "failure-policy must be one of allow, deny, local");
        }
        requireBetween(prefix + "command-timeout", commandTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween(prefix + "retry-interval", retryInterval, Duration.ofMillis(1), Duration.ofDays(1));
        if (failureThreshold < 1 || failureThreshold > 1000) {
            throw invalid(
                    prefix + "failure-threshold",
                    failureThreshold,
                    prefix + "failure-threshold must be between 1 and 1000, but was " + failureThreshold);
        }
        if (localMaxKeys < 1) {
            throw invalid(
                    prefix + "local-max-keys",
                    localMaxKeys,
                    prefix + "local-max-keys must be at least 1, but was " + localMaxKeys);
        }
    }

    private static void requireBetween(String property, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(property, value, property + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    /** A failure Spring Boot reports by property path and value instead of a bare stack trace. */
    private static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(property, value, reason);
    }
}
