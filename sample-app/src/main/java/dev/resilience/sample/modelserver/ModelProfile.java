package dev.resilience.sample.modelserver;

import java.util.Objects;

/**
 * How one simulated model behaves when healthy.
 *
 * @param name the model name clients ask for, for example {@code large}
 * @param promptMicrosPerToken the time spent reading each prompt token, in microseconds
 * @param completionMicrosPerToken the time spent generating each token, in microseconds
 */
public record ModelProfile(String name, long promptMicrosPerToken, long completionMicrosPerToken) {

    /** Checks that the name is present and the timings are not negative. */
    public ModelProfile {
        Objects.requireNonNull(name, "name");
        if (promptMicrosPerToken < 0 || completionMicrosPerToken < 0) {
            throw new IllegalArgumentException("Model '" + name
                    + "': micros per token must be zero or more, got prompt="
                    + promptMicrosPerToken + ", completion=" + completionMicrosPerToken);
        }
    }

    /** The time a healthy model takes to answer, in nanoseconds. */
    public long latencyNanos(int promptTokens, int completionTokens) {
        return 1_000L * (promptMicrosPerToken * promptTokens + completionMicrosPerToken * completionTokens);
    }
}
