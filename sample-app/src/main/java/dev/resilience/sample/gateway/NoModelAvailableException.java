package dev.resilience.sample.gateway;

import java.time.Duration;

/**
 * No model could answer and no cached answer exists for the prompt; the client gets a 503 with
 * {@code Retry-After}.
 */
public class NoModelAvailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /** Creates the exception with the pause the client should make before trying again. */
    public NoModelAvailableException(Duration retryAfter, Throwable cause) {
        super("No model can answer right now and this prompt has no cached answer", cause);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
