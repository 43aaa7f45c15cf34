package dev.resilience.sample.gateway;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.web.RateLimitHeaders;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * What is left of a tenant's per-tier limits, for the response headers of a successful call.
 *
 * <p>Limit names follow the tier: {@code <tier>-requests} and {@code <tier>-tokens}.
 */
public class TenantBudgets {

    /** The response header with the requests left in the tenant's current budget. */
    public static final String REMAINING_REQUESTS = "X-RateLimit-Remaining-Requests";

    /** The response header with the tokens left in the tenant's current budget. */
    public static final String REMAINING_TOKENS = "X-RateLimit-Remaining-Tokens";

    private final RateLimiterRegistry limiters;

    /** Creates the budgets over the starter's limiters. */
    public TenantBudgets(RateLimiterRegistry limiters) {
        this.limiters = limiters;
    }

    /** The name of the request limit of a tier. */
    public static String requestLimit(String tier) {
        return tier + "-requests";
    }

    /** The name of the token limit of a tier. */
    public static String tokenLimit(String tier) {
        return tier + "-tokens";
    }

    /**
     * The headers describing what is left of a tenant's budgets: {@code RateLimit-Policy} and
     * {@code RateLimit} for both limits, and the remaining requests and tokens on their own.
     */
    public HttpHeaders headers(String tier, String tenant) {
        HttpHeaders headers = new HttpHeaders();
        List<String> policies = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (String name : List.of(requestLimit(tier), tokenLimit(tier))) {
            KeyedRateLimiter limiter = limiters.get(name);
            Decision state = limiter.peek(tenant);
            policies.add(RateLimitHeaders.policy(name, limiter.config()));
            states.add(RateLimitHeaders.rateLimit(name, state));
            headers.set(
                    name.equals(requestLimit(tier)) ? REMAINING_REQUESTS : REMAINING_TOKENS,
                    Long.toString(state.remaining()));
        }
        headers.set(RateLimitHeaders.RATE_LIMIT_POLICY, String.join(", ", policies));
        headers.set(RateLimitHeaders.RATE_LIMIT, String.join(", ", states));
        return headers;
    }
}
