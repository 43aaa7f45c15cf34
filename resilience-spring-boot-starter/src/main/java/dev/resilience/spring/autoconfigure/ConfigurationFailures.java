package dev.resilience.spring.autoconfigure;

import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Reports invalid configuration by its property path: maps the setting names that the core's
 * validation messages start with to the property names of this starter, and names a missing
 * shared config.
 */
final class ConfigurationFailures {

    private ConfigurationFailures() {}

    /**
     * Rethrows a core validation failure as one naming the property path.
     *
     * @param chain the chain the settings were resolved from
     * @param coreToProperty core setting name to property name
     * @param failure the core's failure, whose message starts with the setting name
     */
    static RuntimeException translate(
            SettingsChain<?> chain, Map<String, String> coreToProperty, IllegalArgumentException failure) {
        String message = String.valueOf(failure.getMessage());
        int space = message.indexOf(' ');
        String setting = space > 0 ? message.substring(0, space) : message;
        String property = coreToProperty.get(setting);
        if (property == null) {
            return failure;
        }
        String reason = property + message.substring(setting.length());
        for (Map.Entry<String, String> name : coreToProperty.entrySet()) {
            // Other settings the message mentions are named as the user writes them, too.
            reason = reason.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
        }
        return chain.invalid(property, reason);
    }

    /**
     * Returns the shared config an instance names with {@code base-config}, or fails naming that
     * property, the value and the shared configs that exist.
     *
     * @param configs the shared configs by name
     * @param prefix the property prefix the configs live under, without {@code .configs}
     * @param instancePath the property path of the instance
     * @param baseConfig the name the instance gave
     */
    static <S> S requireBaseConfig(Map<String, S> configs, String prefix, String instancePath, String baseConfig) {
        S base = configs.get(baseConfig);
        if (base == null) {
            throw new InvalidConfigurationPropertyValueException(
                    instancePath + ".base-config",
                    baseConfig,
                    "No such shared config; known: " + configs.keySet() + " under " + prefix + ".configs");
        }
        return base;
    }
}
