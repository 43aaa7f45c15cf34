package dev.resilience.sample.api;

/**
 * One message of a chat conversation.
 *
 * @param role who wrote it: {@code system}, {@code user} or {@code assistant}
 * @param content the text of the message
 */
public record ChatMessage(String role, String content) {}
