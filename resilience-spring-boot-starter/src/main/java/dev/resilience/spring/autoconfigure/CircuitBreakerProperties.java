package dev.resilience.spring.autoconfigure;

import dev.resilience.core.circuitbreaker.FailureDetection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Circuit breaker settings under {@code resilience.circuitbreaker}.
 *
 * <p>Each breaker is resolved setting by setting, most specific first: {@code instances.<name>},
 * then the shared {@code configs.<base-config>} it names, then {@code defaults}, then the
 * built-in defaults.
 */
@ConfigurationProperties(prefix = "resilience.circuitbreaker", ignoreUnknownFields = false)
public class CircuitBreakerProperties {

    /** Default order of the circuit breaker advice: outside the rate limiting advice. */
    public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 20;

    /**
     * Order of the circuit breaker advice among other advice; lower runs further outside. Keep it
     * below {@code resilience.ratelimiter.order} so that an open breaker spends no permits.
     */
    private int order = DEFAULT_ORDER;

    /** Health reporting of the breakers. */
    private final Health health = new Health();

    /** Settings every breaker starts from. */
    private final BreakerSettings defaults = new BreakerSettings();

    /** Shared settings that instances name with {@code base-config}. */
    private final Map<String, BreakerSettings> configs = new LinkedHashMap<>();

    /** Settings of each named breaker; every instance listed here is created at startup. */
    private final Map<String, InstanceSettings> instances = new LinkedHashMap<>();

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public Health getHealth() {
        return health;
    }

    public BreakerSettings getDefaults() {
        return defaults;
    }

    public Map<String, BreakerSettings> getConfigs() {
        return configs;
    }

    public Map<String, InstanceSettings> getInstances() {
        return instances;
    }

    /**
     * The path of the {@code shared} property that makes breaker {@code name} share its state
     * transitions through Redis, resolved like every other setting (instance, then its base
     * config, then defaults); empty when the breaker keeps its state to itself.
     */
    public Optional<String> sharedStateProperty(String name) {
        String prefix = "resilience.circuitbreaker.";
        InstanceSettings instance = instances.get(name);
        if (instance != null && instance.getShared() != null) {
            return sharedAt(prefix + "instances." + name, instance);
        }
        if (instance != null && instance.getBaseConfig() != null) {
            BreakerSettings base = configs.get(instance.getBaseConfig());
            if (base != null && base.getShared() != null) {
                return sharedAt(prefix + "configs." + instance.getBaseConfig(), base);
            }
        }
        return sharedAt(prefix + "defaults", defaults);
    }

    private static Optional<String> sharedAt(String path, BreakerSettings settings) {
        return Boolean.TRUE.equals(settings.getShared()) ? Optional.of(path + ".shared") : Optional.empty();
    }

    /** Health reporting of the breakers. */
    public static class Health {

        /**
         * Whether an open or forced-open breaker makes the {@code circuitBreakers} health
         * indicator DOWN. Off by default: an open breaker means a dependency fails, not this
         * application.
         */
        private boolean downWhenOpen = false;

        public boolean isDownWhenOpen() {
            return downWhenOpen;
        }

        public void setDownWhenOpen(boolean downWhenOpen) {
            this.downWhenOpen = downWhenOpen;
        }
    }

    /** The settings of one breaker; unset values are inherited from the next less specific level. */
    public static class BreakerSettings {

        /** How a closed breaker detects failure: {@code count-window} (built-in default), {@code time-window} or {@code consecutive}. */
        private FailureDetection failureDetection;

        /** Failures in a row that open the breaker with {@code consecutive} detection; built-in default 5. */
        private Integer failureThreshold;

        /** Calls (count window) or seconds (time window) in the sliding window; built-in default 100. */
        private Integer slidingWindowSize;

        /** Calls the window must hold before a rate is computed; built-in default 20. */
        private Integer minimumNumberOfCalls;

        /** Failure rate in percent, above 0 and at most 100, that opens the breaker; built-in default 50. */
        private Float failureRateThreshold;

        /** Slow-call rate in percent, above 0 and at most 100, that opens the breaker; built-in default 100. */
        private Float slowCallRateThreshold;

        /** Calls slower than this count as slow; built-in default 0 (slow calls not detected). */
        private Duration slowCallDurationThreshold;

        /** How long the breaker stays open before letting probes through; built-in default 30s. */
        private Duration waitDuration;

        /** Factor applied to the open wait at each re-open without a close in between, 1 to 100; built-in default 1 (constant). */
        private Double waitDurationMultiplier;

        /** Cap on the growing open wait; built-in default the wait duration itself. */
        private Duration maxWaitDuration;

        /** Probe calls let through in the half-open state; built-in default 3. */
        private Integer permittedCallsInHalfOpenState;

        /** Longest stay in half-open before re-opening (a hung probe); built-in default 0 (no limit). */
        private Duration maxWaitDurationInHalfOpenState;

        /** Exceptions (and their subclasses) that count as failures; built-in default all. */
        private List<Class<? extends Throwable>> recordExceptions;

        /** Exceptions (and their subclasses) that count as neither success nor failure; wins over record-exceptions. */
        private List<Class<? extends Throwable>> ignoreExceptions;

        /** How many recent events are kept for Actuator; built-in default 100. */
        private Integer eventBufferSize;

        /**
         * Whether the breaker shares its state transitions with every instance of the application
         * through Redis (needs Spring Data Redis and a connection factory); built-in default false.
         */
        private Boolean shared;

        public FailureDetection getFailureDetection() {
            return failureDetection;
        }

        public void setFailureDetection(FailureDetection failureDetection) {
            this.failureDetection = failureDetection;
        }

        public Integer getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(Integer failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        public Integer getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(Integer slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public Integer getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(Float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public Float getSlowCallRateThreshold() {
            return slowCallRateThreshold;
        }

        public void setSlowCallRateThreshold(Float slowCallRateThreshold) {
            this.slowCallRateThreshold = slowCallRateThreshold;
        }

        public Duration getSlowCallDurationThreshold() {
            return slowCallDurationThreshold;
        }

        public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
            this.slowCallDurationThreshold = slowCallDurationThreshold;
        }

        public Duration getWaitDuration() {
            return waitDuration;
        }

        public void setWaitDuration(Duration waitDuration) {
            this.waitDuration = waitDuration;
        }

        public Double getWaitDurationMultiplier() {
            return waitDurationMultiplier;
        }

        public void setWaitDurationMultiplier(Double waitDurationMultiplier) {
            this.waitDurationMultiplier = waitDurationMultiplier;
        }

        public Duration getMaxWaitDuration() {
            return maxWaitDuration;
        }

        public void setMaxWaitDuration(Duration maxWaitDuration) {
            this.maxWaitDuration = maxWaitDuration;
        }

        public Integer getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(Integer permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }

        public Duration getMaxWaitDurationInHalfOpenState() {
            return maxWaitDurationInHalfOpenState;
        }

        public void setMaxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
            this.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState;
        }

        public List<Class<? extends Throwable>> getRecordExceptions() {
            return recordExceptions;
        }

        public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
            this.recordExceptions = recordExceptions;
        }

        public List<Class<? extends Throwable>> getIgnoreExceptions() {
            return ignoreExceptions;
        }

        public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
            this.ignoreExceptions = ignoreExceptions;
        }

        public Integer getEventBufferSize() {
            return eventBufferSize;
        }

        public void setEventBufferSize(Integer eventBufferSize) {
            this.eventBufferSize = eventBufferSize;
        }

        public Boolean getShared() {
            return shared;
        }

        public void setShared(Boolean shared) {
            this.shared = shared;
        }
    }

    /** The settings of one named breaker, optionally based on a shared config. */
    public static class InstanceSettings extends BreakerSettings {

        /** Name of the entry under {@code configs} this instance inherits from. */
        private String baseConfig;

        public String getBaseConfig() {
            return baseConfig;
        }

        public void setBaseConfig(String baseConfig) {
            this.baseConfig = baseConfig;
        }
    }
}
