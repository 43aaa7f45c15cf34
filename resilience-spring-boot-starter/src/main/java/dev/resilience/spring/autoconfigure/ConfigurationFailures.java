package dev.resilience.spring.autoconfigure;

import java.util.Map;

/**
 * Maps the setting names that the core's validation messages start with to the property names of
 * this starter, so that an invalid value is reported by its property path.
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
}
