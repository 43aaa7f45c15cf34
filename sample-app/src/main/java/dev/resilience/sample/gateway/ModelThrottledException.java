package dev.resilience.sample.gateway;

import java.time.Duration;

/**
 * A model back-end asked the gateway to slow down (HTTP 429), or the gateway still honours an
 * earlier such request and did not call it.
 */
public class ModelThrottledException extends ModelCallException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /** Creates the exception for a model that asked for a pause of {@code retryAfter}. */
    public ModelThrottledException(String model, Duration retryAfter) {
        super(model, "throttled for " + retryAfter.toMillis() + " ms", null);
        this.retryAfter = retryAfter;
    }

    /** How long the model asked the gateway to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
