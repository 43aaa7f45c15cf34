package dev.resilience.sample.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An optional extension of the request understood only by the simulated model server: how many
 * tokens it should generate. The trace replay uses it to reproduce each recorded request's real
 * completion length; real model servers ignore unknown fields.
 *
 * @param completionTokens the number of tokens to generate, capped by {@code max_tokens}
 */
public record SimulationHint(
        @JsonProperty("completion_tokens") Integer completionTokens) {}
