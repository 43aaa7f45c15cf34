package dev.resilience.sample.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tokens a completion really consumed, as reported by the model.
 *
 * @param promptTokens tokens read from the prompt
 * @param completionTokens tokens generated
 * @param totalTokens the sum of both
 */
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens) {

    /** Creates a usage whose total is the sum of its parts. */
    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
