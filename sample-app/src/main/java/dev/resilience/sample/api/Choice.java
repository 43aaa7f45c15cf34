package dev.resilience.sample.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One generated answer.
 *
 * @param index its position among the choices, from zero
 * @param message the generated message
 * @param finishReason why generation stopped: {@code stop} or {@code length}
 */
public record Choice(
        int index,
        ChatMessage message,
        @JsonProperty("finish_reason") String finishReason) {}
