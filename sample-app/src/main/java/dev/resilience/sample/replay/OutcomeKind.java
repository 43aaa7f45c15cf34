package dev.resilience.sample.replay;

/** What became of one replayed request. */
public enum OutcomeKind {
    /** Served by the model it asked for. */
    ADMITTED,
    /** Served by a fallback: the small model or a cached answer. */
    FALLBACK,
    /** Refused with {@code 429 Too Many Requests}. */
    RATE_LIMITED,
    /** Anything else: a 503, another status, or no answer at all. */
    ERROR
}
