package dev.resilience.spring.actuate;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/circuitbreakers}: every breaker of the application, configured ones included
 * before their first call, with state, rates, counts and thresholds; {@code
 * /actuator/circuitbreakers/{name}} adds recent events, and a write to it forces a state or
 * replaces settings at run time (like any Actuator write, available only where the endpoint is
 * exposed and access allows writes).
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakersEndpoint {

    private static final Logger logger = LoggerFactory.getLogger(CircuitBreakersEndpoint.class);

    private final BreakerRegistry registry;

    private final TimeSource time;

    private final BiFunction<String, Map<String, Object>, BreakerConfig> settings;

    /** Creates the endpoint over the given breakers, reading event ages from {@code time}. */
    public CircuitBreakersEndpoint(BreakerRegistry registry, TimeSource time) {
        this(registry, time, null);
    }

    /**
     * Creates the endpoint over the given breakers, reading event ages from {@code time}.
     *
     * @param settings resolves the settings of a breaker with the given run-time settings (property
     *     names as under {@code resilience.circuitbreaker.instances.<name>}) winning over its
     *     configuration, or {@code null} when settings cannot be changed at run time
     */
    public CircuitBreakersEndpoint(
            BreakerRegistry registry,
            TimeSource time,
            @Nullable BiFunction<String, Map<String, Object>, BreakerConfig> settings) {
        this.registry = registry;
        this.time = time;
        this.settings = settings;
    }

    /** Every breaker, by name. */
    @ReadOperation
    public BreakersReport breakers() {
        Map<String, BreakerDescriptor> breakers = new TreeMap<>();
        registry.all().forEach(breaker -> breakers.put(breaker.name(), BreakerDescriptor.of(breaker.snapshot())));
        return new BreakersReport(breakers);
    }

    /** One breaker with its recent events, or {@code null} (404) when there is none of that name. */
    @ReadOperation
    public BreakerDetails breaker(@Selector String name) {
        if (!registry.contains(name)) {
            return null;
        }
        Breaker breaker = registry.get(name);
        long now = time.nanoTime();
        return new BreakerDetails(
                name,
                BreakerDescriptor.of(breaker.snapshot()),
                breaker.recentEvents().stream()
                        .map(event -> describe(event, now))
                        .toList());
    }

    /**
     * Changes breaker {@code name} now: {@code settings}, {@code name=value} pairs separated by
     * semicolons (for example {@code "wait-duration=5s; failure-rate-threshold=30"}), replace its
     * settings, resolved over its configuration as if written under {@code
     * resilience.circuitbreaker.instances.<name>}, keeping its state; then {@code state} ({@code
     * CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code DISABLED} or {@code FORCED_OPEN}), when
     * given, is forced. Each write replaces the settings of the previous one; an empty {@code
     * settings} string returns the breaker to its configuration. Each change is logged at INFO.
     */
    @WriteOperation
    public BreakerDetails transition(@Selector String name, @Nullable String state, @Nullable String settings) {
        if (!registry.contains(name)) {
            return null;
        }
        if (state == null && settings == null) {
            throw new InvalidEndpointRequestException(
                    "Give a state, settings or both", "Neither 'state' nor 'settings' was given");
        }
        BreakerState target = state != null ? stateOf(state) : null;
        if (settings != null) {
            reconfigure(name, settings);
        }
        if (target != null) {
            Breaker breaker = registry.get(name);
            BreakerState before = breaker.state();
            breaker.transitionTo(target);
            logger.info("Circuit breaker '{}' forced {} -> {} through Actuator", name, before, target);
        }
        return breaker(name);
    }

    private void reconfigure(String name, String text) {
        if (this.settings == null) {
            throw new InvalidEndpointRequestException(
                    "Settings cannot be changed at run time here", "No settings resolver");
        }
        BreakerConfig config;
        try {
            config = this.settings.apply(name, parse(text));
        } catch (RuntimeException ex) {
            throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid settings");
        }
        registry.reconfigure(name, config);
    }

    private static Map<String, Object> parse(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new InvalidEndpointRequestException(
                        "Write settings as name=value pairs separated by semicolons, but got '" + pair.trim() + "'",
                        "Malformed settings");
            }
            values.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return values;
    }

    private static BreakerState stateOf(String state) {
        try {
            return BreakerState.valueOf(state.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(
                    "Unknown state '" + state + "'; use CLOSED, OPEN, HALF_OPEN, DISABLED or FORCED_OPEN",
                    "Unknown state");
        }
    }

    private static BreakerEventDescriptor describe(BreakerEvent event, long now) {
        return new BreakerEventDescriptor(
                event.type().name(),
                event.from().name(),
                event.to().name(),
                event.reason(),
                (now - event.nanoTime()) / 1_000_000);
    }
}
