package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import java.util.List;

/**
 * Token bucket (GCRA) and leaky bucket in Redis: the state is the backlog, the nanoseconds until
 * the bucket is full again.
 *
 * <p>The token bucket admits a request while its cost still fits within one full bucket. The
 * leaky bucket also makes the caller wait behind the requests already queued ({@link
 * Decision#waitNanos()} is the backlog before it) and rejects it when that wait exceeds the
 * configured maximum wait; with no maximum wait, calls are spaced evenly at the refill rate.
 */
final class BucketScript extends LimiterScript {

    private final boolean leaky;
    private final NanoRate rate;
    private final long tau;
    private final long interval;
    private final long maxWait;
    private final byte[] tauArg;
    private final byte[] horizonArg;
    private final byte[] maxWaitArg;

    BucketScript(RateLimitConfig config, boolean leaky) {
        super(config);
        this.leaky = leaky;
        this.rate = new NanoRate(config);
        this.tau = rate.nanosFor(capacity);
        this.interval = rate.nanosFor(1);
        this.maxWait = leaky ? Math.min(config.maxWait().toNanos(), tau) : tau;
        this.tauArg = arg(tau);
        this.horizonArg = arg(Math.max(tau, NanoRate.HORIZON));
        this.maxWaitArg = arg(maxWait);
    }

    @Override
    LuaScript script() {
        return LuaScript.BUCKET;
    }

    @Override
    String keySuffix() {
        return leaky ? "lb" : "tb";
    }

    @Override
    byte[][] args(Op op, long amount) {
        long nanos = op == Op.PEEK ? interval : rate.nanosFor(amount);
        return new byte[][] {op.wire, arg(nanos), tauArg, horizonArg, maxWaitArg};
    }

    @Override
    Decision decide(Op op, long permits, List<Object> reply) {
        long before = at(reply, 1);
        long after = op == Op.PEEK ? before + interval : at(reply, 2);
        boolean allowed = op == Op.PEEK ? after <= tau && before <= maxWait : at(reply, 0) == 1;
        if (!allowed) {
            long retryAfter = Math.max(after - tau, before - maxWait);
            return Decision.reject(permits, remaining(before), capacity, retryAfter, before);
        }
        if (op == Op.PEEK) {
            return Decision.allow(permits, remaining(before), capacity, before);
        }
        return new Decision(true, permits, remaining(after), capacity, 0, after, leaky ? before : 0);
    }

    /** Whole permits left when the bucket is {@code backlog} nanos short of full. */
    private long remaining(long backlog) {
        long spare = tau - backlog;
        return spare <= 0 ? 0 : Math.min(capacity, rate.permitsIn(spare));
    }
}
