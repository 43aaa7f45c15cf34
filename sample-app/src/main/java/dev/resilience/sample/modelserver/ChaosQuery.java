package dev.resilience.sample.modelserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a fault from the query string of a chaos request. */
final class ChaosQuery {

    private ChaosQuery() {}

    /**
     * Parses {@code mode=fail|slow|throttle|healthy} with optional {@code status} (default 503),
     * {@code delayMs} (default 2000) and {@code retryAfter} seconds (default 2).
     *
     * @throws IllegalArgumentException naming the parameter and the value when one is invalid
     */
    static Chaos parse(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(key, URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        String modeText = params.getOrDefault("mode", "healthy");
        ChaosMode mode;
        try {
            mode = "recover".equalsIgnoreCase(modeText)
                    ? ChaosMode.HEALTHY
                    : ChaosMode.valueOf(modeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mode must be one of healthy, recover, fail, slow, throttle; got '" + modeText + "'");
        }
        int status = intParam(params, "status", 503, 500, 599);
        int delayMs = intParam(params, "delayMs", 2000, 0, 600_000);
        int retryAfter = intParam(params, "retryAfter", 2, 0, 86_400);
        return mode == ChaosMode.HEALTHY ? Chaos.HEALTHY : new Chaos(mode, status, delayMs, retryAfter);
    }

    private static int intParam(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(
                name + " must be an integer from " + min + " to " + max + "; got '" + text + "'");
    }
}
