package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.sample.api.Usage;

/**
 * An answer of the gateway and where it came from.
 *
 * @param response the completion returned to the client
 * @param servedBy the back-end that produced it
 */
public record GatewayAnswer(ChatCompletionResponse response, ServedBy servedBy) {

    /** The tokens the answer really consumed (zero for a cached answer, which costs nothing). */
    public int totalTokens() {
        Usage usage = response.usage();
        return servedBy == ServedBy.CACHE || usage == null ? 0 : usage.totalTokens();
    }
}
