package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Serves a validated chat completion request through the limits of its tenant's tier. */
public class ChatService {

    private final GatewayProperties properties;
    private final Map<String, TierGate> gates;
    private final TenantBudgets budgets;

    /** Creates the service over one gate per tier and the tenants' budgets. */
    public ChatService(GatewayProperties properties, List<TierGate> gates, TenantBudgets budgets) {
        this.properties = properties;
        this.budgets = budgets;
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
     * Answers a request of a tenant, charged to the limits of the tenant's tier. The tokens
     * estimated before the call are settled with the usage reported after it (nothing for a
     * cached answer or a 503).
     *
     * @param tenant the tenant, from the {@code X-Tenant} header
     * @param request a validated request naming its model and {@code max_tokens}
     */
    public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
        String tier = properties.tierOf(tenant);
        GatewayAnswer answer;
        try {
            answer = gates.get(tier).complete(tenant, request);
        } catch (NoModelAvailableException e) {
            budgets.reconcile(tier, tenant, request.estimatedTokens(), 0);
            throw e;
        }
        budgets.reconcile(tier, tenant, request.estimatedTokens(), answer.totalTokens());
        return answer;
    }
}
