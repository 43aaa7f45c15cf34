package dev.resilience.sample.modelserver;

/**
 * The current fault of one model.
 *
 * @param mode what the model does
 * @param status the HTTP status of a failure, used when {@code mode} is {@link ChaosMode#FAIL}
 * @param extraLatencyMillis the added delay, used when {@code mode} is {@link ChaosMode#SLOW}
 * @param retryAfterSeconds the {@code Retry-After} of a throttled answer
 */
public record Chaos(ChaosMode mode, int status, long extraLatencyMillis, int retryAfterSeconds) {

    /** A model without fault. */
    public static final Chaos HEALTHY = new Chaos(ChaosMode.HEALTHY, 200, 0, 0);
}
