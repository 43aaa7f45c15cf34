package dev.resilience.sample.api;

import java.util.List;

/**
 * Counts tokens the simple way English-language tokenizers average out: one token per four
 * characters, rounded up, per message. The gateway and the simulated model server both use it,
 * so the prompt part of an estimate is exact and only the completion length is uncertain.
 */
public final class TokenCounter {

    private TokenCounter() {}

    /** The number of tokens in these messages; zero for {@code null} or an empty list. */
    public static int count(List<ChatMessage> messages) {
        if (messages == null) {
            return 0;
        }
        int tokens = 0;
        for (ChatMessage message : messages) {
            String content = message == null ? null : message.content();
            tokens += content == null ? 0 : (content.length() + 3) / 4;
        }
        return tokens;
    }
}
