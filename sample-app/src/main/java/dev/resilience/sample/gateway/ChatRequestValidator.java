package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatMessage;
import dev.resilience.sample.api.TokenCounter;
import java.util.List;

/**
 * Checks a chat completion request before anything is charged or forwarded, and fills in the
 * defaults (the large model, the default {@code max_tokens}).
 */
public class ChatRequestValidator {

    private final GatewayProperties properties;

    /** Creates a validator applying the limits of the gateway's settings. */
    public ChatRequestValidator(GatewayProperties properties) {
        this.properties = properties;
    }

    /**
     * Returns the request with its defaults filled in.
     *
     * @throws InvalidChatRequestException naming the field, the value and what is allowed
     */
    public ChatCompletionRequest validate(ChatCompletionRequest request) {
        if (request == null) {
            throw new InvalidChatRequestException(
                    "body",
                    "The request body is empty; send a JSON "
                            + "object with 'messages' and optionally 'model' and 'max_tokens'");
        }
        String model = request.model() == null ? properties.largeModel() : request.model();
        List<String> models = List.of(properties.largeModel(), properties.smallModel());
        if (!models.contains(model)) {
            throw new InvalidChatRequestException("model", "Unknown model '" + model + "'; use one of " + models);
        }
        checkMessages(request.messages());
        int maxTokens = request.maxTokens() == null ? properties.defaultMaxTokens() : request.maxTokens();
        if (maxTokens < 1 || maxTokens > properties.maxTokensLimit()) {
            throw new InvalidChatRequestException(
                    "max_tokens", "max_tokens must be from 1 to " + properties.maxTokensLimit() + "; got " + maxTokens);
        }
        return new ChatCompletionRequest(model, request.messages(), maxTokens, request.simulate());
    }

    private void checkMessages(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidChatRequestException(
                    "messages", "messages must hold at least one {\"role\", \"content\"} message");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message == null || message.content() == null || message.role() == null) {
                throw new InvalidChatRequestException(
                        "messages[" + i + "]", "messages[" + i + "] needs a 'role' and a 'content'");
            }
        }
        int promptTokens = TokenCounter.count(messages);
        if (promptTokens > properties.maxPromptTokens()) {
            throw new InvalidChatRequestException(
                    "messages",
                    "The prompt has " + promptTokens + " tokens; at most " + properties.maxPromptTokens()
                            + " are accepted (gateway.max-prompt-tokens)");
        }
    }
}
