package dev.resilience.sample.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An OpenAI-style chat completion request.
 *
 * @param model the model to use ({@code large} or {@code small}); the gateway picks the large one
 *     when absent
 * @param messages the conversation so far, at least one message
 * @param maxTokens the most tokens the answer may have
 * @param simulate an optional hint for the simulated model server, {@code null} otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        @JsonProperty("max_tokens") Integer maxTokens,
        SimulationHint simulate) {

    /** The same request addressed to another model. */
    public ChatCompletionRequest withModel(String otherModel) {
        return new ChatCompletionRequest(otherModel, messages, maxTokens, simulate);
    }

    /** The number of prompt tokens, counted the way the simulated model server counts them. */
    public int promptTokens() {
        return TokenCounter.count(messages);
    }

    /**
     * The tokens this request may consume at most: its prompt plus {@code max_tokens}. Limiters
     * charge this estimate before the call and reconcile it with the real usage afterwards.
     */
    public int estimatedTokens() {
        return promptTokens() + (maxTokens == null ? 0 : maxTokens);
    }
}
