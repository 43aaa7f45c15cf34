package dev.resilience.spring.autoconfigure;

import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.spring.autoconfigure.CircuitBreakerProperties.BreakerSettings;
import dev.resilience.spring.autoconfigure.CircuitBreakerProperties.InstanceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Resolves the settings of a named breaker from {@link CircuitBreakerProperties}, property by
 * property, and reports an invalid value by its property path.
 */
final class BreakerConfigResolver {

    static final String PREFIX = "resilience.circuitbreaker";

    private static final Map<String, String> CORE_TO_PROPERTY = Map.ofEntries(
            Map.entry("failureThreshold", "failure-threshold"),
            Map.entry("slidingWindowSize", "sliding-window-size"),
            Map.entry("minimumNumberOfCalls", "minimum-number-of-calls"),
            Map.entry("failureRateThreshold", "failure-rate-threshold"),
            Map.entry("slowCallRateThreshold", "slow-call-rate-threshold"),
            Map.entry("slowCallDurationThreshold", "slow-call-duration-threshold"),
            Map.entry("waitDurationInOpenState", "wait-duration"),
            Map.entry("waitDurationMultiplier", "wait-duration-multiplier"),
            Map.entry("maxWaitDurationInOpenState", "max-wait-duration"),
            Map.entry("permittedCallsInHalfOpenState", "permitted-calls-in-half-open-state"),
            Map.entry("maxWaitDurationInHalfOpenState", "max-wait-duration-in-half-open-state"),
            Map.entry("eventBufferSize", "event-buffer-size"));

    private final CircuitBreakerProperties properties;

    BreakerConfigResolver(CircuitBreakerProperties properties) {
        this.properties = properties;
    }

    /** The settings of breaker {@code name}. */
    BreakerConfig resolve(String name) {
        return resolve(name, null);
    }

    /**
     * The settings of breaker {@code name} with {@code overrides} (settings given at run time)
     * winning over every configured level; invalid ones are reported by the instance's paths.
     */
    BreakerConfig resolve(String name, BreakerSettings overrides) {
        String instancePath = PREFIX + ".instances." + name;
        InstanceSettings instance = properties.getInstances().get(name);
        SettingsChain<BreakerSettings> chain = new SettingsChain<BreakerSettings>(instancePath)
                .then(instancePath, overrides)
                .then(instancePath, instance);
        if (instance != null && instance.getBaseConfig() != null) {
            chain.then(PREFIX + ".configs." + instance.getBaseConfig(), baseConfig(instancePath, instance));
        }
        chain.then(PREFIX + ".defaults", properties.getDefaults());
        BreakerConfig builtIn = BreakerConfig.defaults();
        BreakerConfig.Builder builder = BreakerConfig.builder()
                .failureDetection(chain.get(
                        "failure-detection", BreakerSettings::getFailureDetection, builtIn.failureDetection()))
                .failureThreshold(chain.get(
                        "failure-threshold", BreakerSettings::getFailureThreshold, builtIn.failureThreshold()))
                .slidingWindowSize(chain.get(
                        "sliding-window-size", BreakerSettings::getSlidingWindowSize, builtIn.slidingWindowSize()))
                .minimumNumberOfCalls(chain.get(
                        "minimum-number-of-calls",
                        BreakerSettings::getMinimumNumberOfCalls,
                        builtIn.minimumNumberOfCalls()))
                .failureRateThreshold(chain.get(
                        "failure-rate-threshold",
                        BreakerSettings::getFailureRateThreshold,
                        builtIn.failureRateThreshold()))
                .slowCallRateThreshold(chain.get(
                        "slow-call-rate-threshold",
                        BreakerSettings::getSlowCallRateThreshold,
                        builtIn.slowCallRateThreshold()))
                .slowCallDurationThreshold(chain.get(
                        "slow-call-duration-threshold",
                        BreakerSettings::getSlowCallDurationThreshold,
                        builtIn.slowCallDurationThreshold()))
                .waitDurationInOpenState(
                        chain.get("wait-duration", BreakerSettings::getWaitDuration, builtIn.waitDurationInOpenState()))
                .waitDurationMultiplier(chain.get(
                        "wait-duration-multiplier",
                        BreakerSettings::getWaitDurationMultiplier,
                        builtIn.waitDurationMultiplier()))
                .maxWaitDurationInOpenState(chain.get("max-wait-duration", BreakerSettings::getMaxWaitDuration, null))
                .permittedCallsInHalfOpenState(chain.get(
                        "permitted-calls-in-half-open-state",
                        BreakerSettings::getPermittedCallsInHalfOpenState,
                        builtIn.permittedCallsInHalfOpenState()))
                .maxWaitDurationInHalfOpenState(chain.get(
                        "max-wait-duration-in-half-open-state",
                        BreakerSettings::getMaxWaitDurationInHalfOpenState,
                        builtIn.maxWaitDurationInHalfOpenState()))
                .eventBufferSize(
                        chain.get("event-buffer-size", BreakerSettings::getEventBufferSize, builtIn.eventBufferSize()));
        List<Class<? extends Throwable>> record =
                chain.get("record-exceptions", BreakerSettings::getRecordExceptions, List.of());
        List<Class<? extends Throwable>> ignore =
                chain.get("ignore-exceptions", BreakerSettings::getIgnoreExceptions, List.of());
        requireThrowables(chain, "record-exceptions", record);
        requireThrowables(chain, "ignore-exceptions", ignore);
        if (!record.isEmpty()) {
            builder.recordFailure(anyOf(record));
        }
        if (!ignore.isEmpty()) {
            builder.ignoreFailure(anyOf(ignore));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException ex) {
            throw ConfigurationFailures.translate(chain, CORE_TO_PROPERTY, ex);
        }
    }

    /**
     * The settings of breaker {@code name} with {@code values}, named like the properties under
     * {@code resilience.circuitbreaker.instances.<name>}, winning over its configuration. Binding
     * is strict: an unknown name fails naming it.
     */
    BreakerConfig resolveAtRunTime(String name, Map<String, Object> values) {
        String instancePath = PREFIX + ".instances." + name;
        Map<String, Object> flat = new LinkedHashMap<>();
        values.forEach((key, value) -> flat.put(instancePath + "." + key, value));
        BreakerSettings overrides = new Binder(new MapConfigurationPropertySource(flat))
                .bind(
                        instancePath,
                        Bindable.of(BreakerSettings.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                .orElseGet(BreakerSettings::new);
        return resolve(name, overrides);
    }

    private BreakerSettings baseConfig(String instancePath, InstanceSettings instance) {
        return ConfigurationFailures.requireBaseConfig(
                properties.getConfigs(), PREFIX, instancePath, instance.getBaseConfig());
    }

    /** Generics are not checked when binding, so a class that is no exception would never match. */
    private static void requireThrowables(
            SettingsChain<BreakerSettings> chain, String property, List<Class<? extends Throwable>> types) {
        for (Class<?> type : types) {
            if (!Throwable.class.isAssignableFrom(type)) {
                throw chain.invalid(
                        property,
                        property + " must list exception types (subclasses of java.lang.Throwable), but "
                                + type.getName() + " is not one");
            }
        }
    }

    private static Predicate<Throwable> anyOf(List<Class<? extends Throwable>> types) {
        return new AnyOf(List.copyOf(types));
    }

    /** Matches an error of any of the types; equal for equal types, so reloads see no change. */
    private record AnyOf(List<Class<? extends Throwable>> types) implements Predicate<Throwable> {

        @Override
        public boolean test(Throwable error) {
            return types.stream().anyMatch(type -> type.isInstance(error));
        }
    }
}
