package dev.resilience.sample.replay;

/**
 * What happened to one replayed request.
 *
 * @param startNanos when it was sent, in nanoseconds after the replay started
 * @param tenant the tenant it was sent for
 * @param kind how it ended
 * @param status the HTTP status, or 0 when no answer came
 * @param servedBy the {@code X-Served-By} header, or {@code null}
 * @param latencyNanos how long the answer took
 * @param offeredTokens the tokens the request would consume if served (prompt plus generated)
 * @param estimatedTokens the tokens it asked for at most (prompt plus {@code max_tokens})
 * @param usedTokens the tokens the gateway reported as used, zero when not served
 */
public record Outcome(
        long startNanos,
        Tenant tenant,
        OutcomeKind kind,
        int status,
        String servedBy,
        long latencyNanos,
        int offeredTokens,
        int estimatedTokens,
        int usedTokens) {}
