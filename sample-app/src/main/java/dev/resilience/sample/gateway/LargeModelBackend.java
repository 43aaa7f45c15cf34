package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;

/** The large model: the best answers, the slowest and the first to fail under load. */
public class LargeModelBackend {

    private final ModelClient client;
    private final SmallModelBackend smallModel;
    private final AnswerCache cache;
    private final String model;

    /** Creates the back-end that calls {@code model} and falls back to the small model. */
    public LargeModelBackend(ModelClient client, SmallModelBackend smallModel, AnswerCache cache, String model) {
        this.client = client;
        this.smallModel = smallModel;
        this.cache = cache;
        this.model = model;
    }

    /** Asks the large model; when it cannot answer, the small model's back-end answers. */
    public GatewayAnswer complete(ChatCompletionRequest request) {
        try {
            ChatCompletionResponse response = client.complete(model, request);
            cache.put(request.messages(), response);
            return new GatewayAnswer(response, ServedBy.PRIMARY);
        } catch (ModelCallException e) {
            return fallBackToSmallModel(request, e);
        }
    }

    GatewayAnswer fallBackToSmallModel(ChatCompletionRequest request, Throwable failure) {
        return smallModel.complete(request);
    }
}
