package dev.resilience.sample.api;

import java.util.List;

/**
 * An OpenAI-style chat completion response.
 *
 * @param id a unique identifier of the completion
 * @param object always {@code chat.completion}
 * @param created when it was created, in seconds since the epoch
 * @param model the model that really answered (a fallback may differ from the one asked for)
 * @param choices the generated answers, one in this sample
 * @param usage the tokens consumed
 */
public record ChatCompletionResponse(
        String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    /** The same answer labelled with another model name, for example a cached copy. */
    public ChatCompletionResponse withModel(String otherModel) {
        return new ChatCompletionResponse(id, object, created, otherModel, choices, usage);
    }
}
