package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.spring.annotation.CircuitBreaker;

/**
 * The large model: the best answers, the slowest and the first to fail under load. Its breaker
 * {@code large-model} opens on failures and on slow calls; then, and whenever a call fails, the
 * small model's back-end answers instead.
 */
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
    @CircuitBreaker(name = "large-model", fallbackMethod = "fallBackToSmallModel")
    public GatewayAnswer complete(ChatCompletionRequest request) {
        ChatCompletionResponse response = client.complete(model, request);
        cache.put(request.messages(), response);
        return new GatewayAnswer(response, ServedBy.PRIMARY);
    }

    private GatewayAnswer fallBackToSmallModel(ChatCompletionRequest request, Throwable failure) {
        return smallModel.complete(request);
    }
}
