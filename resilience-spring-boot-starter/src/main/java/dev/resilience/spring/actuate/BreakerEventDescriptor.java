package dev.resilience.spring.actuate;

/**
 * One recent breaker event as the endpoint shows it.
 *
 * @param type {@code STATE_TRANSITION} or {@code NOT_PERMITTED}
 * @param from the state before
 * @param to the state after
 * @param reason why it happened
 * @param millisAgo how long ago it happened, in milliseconds on the breaker's clock
 */
public record BreakerEventDescriptor(String type, String from, String to, String reason, long millisAgo) {}
