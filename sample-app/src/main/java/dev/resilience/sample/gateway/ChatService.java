package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.spring.RateLimitExceededException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Serves a validated chat completion request through the limits of its tenant's tier. */
public class ChatService {

    private final GatewayProperties properties;
    private final Map<String, TierGate> gates;
    private final SharedTokenPool pool;

    /** Creates the service over one gate per tier and the shared token pool. */
    public ChatService(GatewayProperties properties, List<TierGate> gates, SharedTokenPool pool) {
        this.properties = properties;
        this.pool = pool;
        this.gates = gates.stream().collect(Collectors.toMap(TierGate::tier, Function.identity()));
        properties.tenants().forEach((tenant, tier) -> {
            if (!this.gates.containsKey(tier)) {
                throw new IllegalStateException("gateway.tenants." + tenant + " names tier '" + tier
                        + "'; the tiers are " + this.gates.keySet());
            }
        });
        if (!this.gates.containsKey(properties.defaultTier())) {
            throw new IllegalStateException(
                    "gateway.default-tier is '" + properties.defaultTier() + "'; the tiers are " + this.gates.keySet());
        }
    }

    /**
     * Answers a request of a tenant, charged to the shared token pool (see {@link
     * SharedTokenPool}) and to the limits of the tenant's tier. A call that fails keeps its
     * estimate in both, as the starter does for the tier limits.
     *
     * @param tenant the tenant, from the {@code X-Tenant} header
     * @param request a validated request naming its model and {@code max_tokens}
     */
    public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
        String tier = properties.tierOf(tenant);
        long estimate = request.estimatedTokens();
        pool.acquire(tier, estimate);
        GatewayAnswer answer;
        try {
            answer = gates.get(tier).complete(tenant, request);
        } catch (RateLimitExceededException e) {
            // The tenant's own limits refused the call: nothing was used.
            pool.settle(estimate, 0);
            throw e;
        }
        pool.settle(estimate, answer.totalTokens());
        return answer;
    }
}
