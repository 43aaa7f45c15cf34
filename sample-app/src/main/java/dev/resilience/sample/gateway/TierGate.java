package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;

/**
 * The limits of one tier in front of the model back-ends. Each subclass carries its tier's
 * {@code @RateLimited} annotations, per tenant: requests, and tokens estimated before the call
 * (prompt plus {@code max_tokens}) then reconciled with the usage reported after it (nothing for
 * a cached answer; a call that fails keeps its estimate); settings live under
 * {@code resilience.ratelimiter.instances}.
 */
public abstract class TierGate {

    private final LargeModelBackend largeModel;
    private final SmallModelBackend smallModel;
    private final String smallModelName;

    /** Creates a gate routing admitted requests to the back-end of the model they name. */
    protected TierGate(LargeModelBackend largeModel, SmallModelBackend smallModel, String smallModelName) {
        this.largeModel = largeModel;
        this.smallModel = smallModel;
        this.smallModelName = smallModelName;
    }

    /**
     * Charges the tenant's limits and, when they allow, answers the request.
     *
     * @param tenant the tenant, from the {@code X-Tenant} header
     * @param request a validated request naming its model and {@code max_tokens}
     */
    public abstract GatewayAnswer complete(String tenant, ChatCompletionRequest request);

    /** The tier these limits apply to, as named in {@code gateway.tenants}. */
    public abstract String tier();

    /** Sends an admitted request to the back-end of the model it asks for. */
    protected GatewayAnswer route(ChatCompletionRequest request) {
        if (smallModelName.equals(request.model())) {
            GatewayAnswer answer = smallModel.complete(request);
            return answer.servedBy() == ServedBy.SMALL_MODEL
                    ? new GatewayAnswer(answer.response(), ServedBy.PRIMARY)
                    : answer;
        }
        return largeModel.complete(request);
    }
}
