package dev.resilience.core.ratelimit;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of acquiring several limits all-or-nothing.
 *
 * @param allowed whether every limit granted its permits (otherwise none is charged)
 * @param decisions the decision of each limit tried, in order; when rejected, the last one is the
 *     rejection and the earlier ones, although granted at the time, have been refunded
 * @param rejectedIndex the position of the rejecting limit, or -1 when allowed
 */
public record GroupDecision(boolean allowed, List<Decision> decisions, int rejectedIndex) {

    /** Copies the decisions and checks that the outcome is consistent. */
    public GroupDecision {
        decisions = List.copyOf(decisions);
        if (decisions.isEmpty()) {
            throw new IllegalArgumentException("A group decision needs at least one decision");
        }
        if (allowed != (rejectedIndex == -1)) {
            throw new IllegalArgumentException(
                    "rejectedIndex must be -1 exactly when allowed, but was " + rejectedIndex);
        }
    }

    /**
     * The decision that matters for the caller: the rejection when rejected; otherwise the
     * granted decision with the fewest permits remaining (the limit closest to running out).
     */
    public Decision deciding() {
        if (!allowed) {
            return decisions.get(rejectedIndex);
        }
        Decision tightest = decisions.get(0);
        for (Decision decision : decisions) {
            if (decision.remaining() < tightest.remaining()) {
                tightest = decision;
            }
        }
        return tightest;
    }

    /** The longest wait any granted limit asks for; the caller waits this long before going on. */
    public long waitNanos() {
        long wait = 0;
        for (Decision decision : decisions) {
            wait = Math.max(wait, decision.allowed() ? decision.waitNanos() : 0);
        }
        return wait;
    }

    /** How long until the same request could pass the rejecting limit; zero when allowed. */
    public long retryAfterNanos() {
        return allowed
                ? 0
                : Objects.requireNonNull(decisions.get(rejectedIndex)).retryAfterNanos();
    }
}
