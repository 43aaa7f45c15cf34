package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.sample.api.ChatMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last answers, by prompt, kept so that a repeated prompt still gets an answer when no model
 * can give one. Least recently used entries go first once the cache is full.
 */
public class AnswerCache {

    private final Map<List<ChatMessage>, ChatCompletionResponse> answers;

    /** Creates a cache holding at most {@code maxEntries} answers. */
    public AnswerCache(int maxEntries) {
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<ChatMessage>, ChatCompletionResponse> e) {
                return size() > maxEntries;
            }
        };
    }

    /** Remembers the answer to a prompt. */
    public synchronized void put(List<ChatMessage> prompt, ChatCompletionResponse answer) {
        answers.put(List.copyOf(prompt), answer);
    }

    /** The remembered answer to a prompt, if any. */
    public synchronized Optional<ChatCompletionResponse> get(List<ChatMessage> prompt) {
        return Optional.ofNullable(answers.get(prompt));
    }
}
