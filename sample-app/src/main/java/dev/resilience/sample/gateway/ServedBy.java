package dev.resilience.sample.gateway;

/** Which back-end produced an answer; sent to clients in the {@code X-Served-By} header. */
public enum ServedBy {
    /** The model the request asked for. */
    PRIMARY,
    /** The small model, because the large one failed, was slow, throttled or its breaker open. */
    SMALL_MODEL,
    /** A cached answer to the same prompt, because no model could answer. */
    CACHE;

    /** Whether the answer came from a fallback rather than the model asked for. */
    public boolean isFallback() {
        return this != PRIMARY;
    }

    /** The header value, for example {@code small-model}. */
    public String headerValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
