package dev.resilience.sample.replay;

/**
 * One request of a trace.
 *
 * @param offsetNanos when it arrived, in nanoseconds after the first request of the trace
 * @param contextTokens the prompt tokens it sent
 * @param generatedTokens the tokens the model generated for it
 */
public record TraceRow(long offsetNanos, int contextTokens, int generatedTokens) {}
