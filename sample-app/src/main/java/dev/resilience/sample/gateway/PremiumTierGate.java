package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.spring.annotation.RateLimited;

/** The premium tier's limits: {@code premium-requests} and {@code premium-tokens}, per tenant. */
public class PremiumTierGate extends TierGate {

    /** Creates the gate over the model back-ends. */
    public PremiumTierGate(LargeModelBackend largeModel, SmallModelBackend smallModel, String smallModelName) {
        super(largeModel, smallModel, smallModelName);
    }

    @Override
    @RateLimited(name = "premium-requests", key = "#tenant")
    @RateLimited(
            name = "premium-tokens",
            key = "#tenant",
            cost = "#request.estimatedTokens",
            actualCost = "#result.totalTokens")
    public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
        return route(request);
    }

    @Override
    public String tier() {
        return "premium";
    }
}
