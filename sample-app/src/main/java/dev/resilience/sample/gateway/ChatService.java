package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;

/**
 * Serves a validated chat completion request for a tenant, routing it to the model it asks for.
 */
public class ChatService {

    private final LargeModelBackend largeModel;
    private final SmallModelBackend smallModel;
    private final String smallModelName;

    /** Creates the service over both back-ends. */
    public ChatService(LargeModelBackend largeModel, SmallModelBackend smallModel, String smallModelName) {
        this.largeModel = largeModel;
        this.smallModel = smallModel;
        this.smallModelName = smallModelName;
    }

    /**
     * Answers a request of a tenant.
     *
     * @param tenant the tenant, from the {@code X-Tenant} header
     * @param request a validated request naming its model and {@code max_tokens}
     */
    public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
        if (smallModelName.equals(request.model())) {
            GatewayAnswer answer = smallModel.complete(request);
            return answer.servedBy() == ServedBy.SMALL_MODEL
                    ? new GatewayAnswer(answer.response(), ServedBy.PRIMARY)
                    : answer;
        }
        return largeModel.complete(request);
    }
}
