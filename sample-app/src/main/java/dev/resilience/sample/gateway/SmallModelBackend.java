package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.spring.annotation.CircuitBreaker;
import java.time.Duration;

/**
 * The small model: quicker and cheaper, the fallback of the large one, guarded by its own breaker
 * {@code small-model}. When it cannot answer either, a cached answer to the same prompt is
 * served, and without one the client gets a 503.
 */
public class SmallModelBackend {

    private final ModelClient client;
    private final AnswerCache cache;
    private final String model;
    private final Duration unavailableRetryAfter;

    /** Creates the back-end that calls {@code model}. */
    public SmallModelBackend(ModelClient client, AnswerCache cache, String model, Duration unavailableRetryAfter) {
        this.client = client;
        this.cache = cache;
        this.model = model;
        this.unavailableRetryAfter = unavailableRetryAfter;
    }

    /** Asks the small model; when it cannot answer, serves a cached answer or fails with 503. */
    @CircuitBreaker(name = "small-model", fallbackMethod = "fallBackToCache")
    public GatewayAnswer complete(ChatCompletionRequest request) {
        ChatCompletionResponse response = client.complete(model, request);
        cache.put(request.messages(), response);
        return new GatewayAnswer(response, ServedBy.SMALL_MODEL);
    }

    private GatewayAnswer fallBackToCache(ChatCompletionRequest request, Throwable failure) {
        return cache.get(request.messages())
                .map(cached -> new GatewayAnswer(cached, ServedBy.CACHE))
                .orElseThrow(() -> new NoModelAvailableException(unavailableRetryAfter, failure));
    }
}
