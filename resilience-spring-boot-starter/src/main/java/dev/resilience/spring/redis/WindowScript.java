package dev.resilience.spring.redis;

import dev.resilience.core.ratelimit.RateLimitConfig;

/**
 * What the two window algorithms share in Redis: windows of one refill period aligned on Redis
 * time, and the same script arguments (operation, amount, capacity, period).
 */
abstract sealed class WindowScript extends LimiterScript permits FixedWindowScript, SlidingWindowScript {

    /** The window length, in nanoseconds. */
    final long period;

    private final byte[] capacityArg;
    private final byte[] periodArg;

    WindowScript(RateLimitConfig config) {
        super(config);
        this.period = config.refillPeriod().toNanos();
        this.capacityArg = arg(capacity);
        this.periodArg = arg(period);
    }

    @Override
    final byte[][] args(Op op, long amount) {
        return new byte[][] {op.wire, arg(op == Op.PEEK ? 1 : amount), capacityArg, periodArg};
    }
}
