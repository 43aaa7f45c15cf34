package dev.resilience.sample.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Scales the gateway's rate limits by the replay's time compression, so that a trace replayed
 * 60 times faster meets limits 60 times higher and the gateway behaves as it would at the trace's
 * own pace. Only the refill rates change; capacities (bursts) stay as configured.
 *
 * <p>The rates come from {@code resilience.ratelimiter.instances.<name>.rate} in the gateway's
 * {@code application.yml}, or from the same property among the replay's arguments, which wins.
 */
final class LimitScaling {

    private static final Pattern RATE = Pattern.compile("resilience\\.ratelimiter\\.instances\\.([^.]+)\\.rate");

    private LimitScaling() {}

    /**
     * The arguments for an in-process gateway: the given ones without their rate settings,
     * followed by every rate multiplied by {@code speedup}.
     */
    static List<String> scaledArguments(List<String> springArguments, double speedup) {
        Map<String, Long> rates = new LinkedHashMap<>(configuredRates());
        List<String> others = new ArrayList<>();
        for (String arg : springArguments) {
            int eq = arg.indexOf('=');
            Matcher matcher = eq < 0 ? null : RATE.matcher(arg.substring(2, eq));
            if (arg.startsWith("--") && matcher != null && matcher.matches()) {
                rates.put(matcher.group(1), Long.parseLong(arg.substring(eq + 1).trim()));
            } else {
                others.add(arg);
            }
        }
        rates.forEach((name, rate) -> others.add(
                "--resilience.ratelimiter.instances." + name + ".rate=" + Math.max(1, Math.round(rate * speedup))));
        return others;
    }

    /** The refill rate of every limiter configured in {@code application.yml}, by name. */
    static Map<String, Long> configuredRates() {
        Map<String, Long> rates = new LinkedHashMap<>();
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String property : enumerable.getPropertyNames()) {
                        Matcher matcher = RATE.matcher(property);
                        if (matcher.matches()) {
                            rates.put(
                                    matcher.group(1),
                                    Long.parseLong(String.valueOf(enumerable.getProperty(property))
                                            .trim()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gateway's application.yml", e);
        }
        return rates;
    }
}
