package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the model server over HTTP. Every failure becomes a {@link ModelCallException}; a 429
 * becomes a {@link ModelThrottledException}, after which this client does not call that model
 * again until its {@code Retry-After} has passed, so a throttled back-end is left alone.
 */
public class ModelClient {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final RestClient restClient;
    private final Map<String, Long> pausedUntilNanos = new ConcurrentHashMap<>();

    /** Creates a client that sends requests through the given, fully configured, REST client. */
    public ModelClient(RestClient restClient) {
        this.restClient = restClient;
    }

    /**
     * Asks a model for a completion.
     *
     * @throws ModelThrottledException when the model answered 429, or still asks for a pause
     * @throws ModelCallException when the model failed, timed out or could not be reached
     */
    public ChatCompletionResponse complete(String model, ChatCompletionRequest request) {
        checkNotPaused(model);
        try {
            ChatCompletionResponse response = restClient
                    .post()
                    .uri("/v1/chat/completions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(request.withModel(model))
                    .retrieve()
                    .body(ChatCompletionResponse.class);
            if (response == null || response.usage() == null) {
                throw new ModelCallException(model, "answer without usage", null);
            }
            return response;
        } catch (HttpStatusCodeException e) {
            throw translate(model, e);
        } catch (ResourceAccessException e) {
            throw new ModelCallException(model, "unreachable or timed out", e);
        } catch (RestClientException e) {
            throw new ModelCallException(model, "unreadable answer", e);
        }
    }

    private void checkNotPaused(String model) {
        Long until = pausedUntilNanos.get(model);
        if (until != null) {
            long left = until - System.nanoTime();
            if (left > 0) {
                throw new ModelThrottledException(model, Duration.ofNanos(left));
            }
            pausedUntilNanos.remove(model, until);
        }
    }

    private ModelCallException translate(String model, HttpStatusCodeException e) {
        HttpStatusCode status = e.getStatusCode();
        if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            Duration retryAfter = retryAfter(
                    e.getResponseHeaders() == null
                            ? null
                            : e.getResponseHeaders().getFirst("Retry-After"));
            pausedUntilNanos.merge(model, System.nanoTime() + retryAfter.toNanos(), Math::max);
            return new ModelThrottledException(model, retryAfter);
        }
        return new ModelCallException(model, "HTTP " + status.value(), e);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
