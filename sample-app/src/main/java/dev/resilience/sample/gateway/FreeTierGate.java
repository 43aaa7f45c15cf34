package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.spring.annotation.RateLimited;

/** The free tier's limits: {@code free-requests} and {@code free-tokens}, per tenant. */
public class FreeTierGate extends TierGate {

    /** Creates the gate over the model back-ends. */
    public FreeTierGate(LargeModelBackend largeModel, SmallModelBackend smallModel, String smallModelName) {
        super(largeModel, smallModel, smallModelName);
    }

    @Override
    @RateLimited(name = "free-requests", key = "#tenant")
    @RateLimited(
            name = "free-tokens",
            key = "#tenant",
            cost = "#request.estimatedTokens",
            actualCost = "#result.totalTokens")
    public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
        return route(request);
    }

    @Override
    public String tier() {
        return "free";
    }
}
