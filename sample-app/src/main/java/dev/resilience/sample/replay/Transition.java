package dev.resilience.sample.replay;

/**
 * A change of a breaker's state seen during a replay.
 *
 * @param atNanos when it happened, in nanoseconds after the replay started
 * @param from the state before
 * @param to the state after
 */
public record Transition(long atNanos, String from, String to) {}
