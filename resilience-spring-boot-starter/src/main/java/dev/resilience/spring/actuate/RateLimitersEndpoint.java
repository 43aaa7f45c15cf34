package dev.resilience.spring.actuate;

import dev.resilience.spring.RateLimiterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/ratelimiters}: every limiter with its settings and live key count; {@code
 * /actuator/ratelimiters/{name}?key=...} adds the remaining permits of one key, read without
 * charging it.
 */
@Endpoint(id = "ratelimiters")
public class RateLimitersEndpoint {

    private final RateLimiterRegistry registry;

    /** Creates the endpoint over the given limiters. */
    public RateLimitersEndpoint(RateLimiterRegistry registry) {
        this.registry = registry;
    }

    /** Every limiter, by name. */
    @ReadOperation
    public Map<String, Map<String, LimiterDescriptor>> limiters() {
        Map<String, LimiterDescriptor> limiters = new TreeMap<>();
        registry.all().forEach(limiter -> limiters.put(limiter.name(), LimiterDescriptor.of(limiter, null)));
        return Map.of("rateLimiters", limiters);
    }

    /** One limiter, with the remaining permits of {@code key} when given; 404 when unknown. */
    @ReadOperation
    public @Nullable LimiterDescriptor limiter(@Selector String name, @Nullable String key) {
        if (!registry.contains(name)) {
            return null;
        }
        return LimiterDescriptor.of(registry.get(name), key);
    }
}
