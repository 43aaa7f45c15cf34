package dev.resilience.benchmarks.ratelimit;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.core.ratelimit.RateLimiter;
import io.github.bucket4j.Bucket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One limiter of one permit per day, already spent: every call is rejected. This is the path a
 * limiter runs most under an overload, so it should cost no more than a permitted call.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LimiterRejectedBenchmark {

    private RateLimiter ours;

    private io.github.resilience4j.ratelimiter.RateLimiter resilience4j;

    private Bucket bucket4j;

    private final AtomicLong floor = new AtomicLong(Long.MAX_VALUE);

    /** Creates the state every benchmark method of this class shares. */
    @Setup
    public void createSpentLimiters() {
        ours = Limiters.ours(RateLimitConfig.perPeriod(1, Limiters.ONE_DAY));
        resilience4j = io.github.resilience4j.ratelimiter.RateLimiter.of(
                "rejected", Limiters.resilience4j(1, Limiters.ONE_DAY));
        bucket4j = Limiters.bucket4j(1, Limiters.ONE_DAY);
        boolean spent = ours.tryAcquire(1).allowed() & resilience4j.acquirePermission() & bucket4j.tryConsume(1);
        if (!spent || ours.tryAcquire(1).allowed() || resilience4j.acquirePermission() || bucket4j.tryConsume(1)) {
            throw new IllegalStateException("each limiter must grant its one permit and then reject");
        }
    }

    /** This project's implementation, answering with a {@link Decision} (remaining, retry-after). */
    @Benchmark
    public Decision ours() {
        return ours.tryAcquire(1);
    }

    /**
     * This project's implementation, answering with a boolean as both peers do: the like-for-like
     * comparison with them.
     */
    @Benchmark
    public boolean oursBoolean() {
        return ours.tryAcquireNow(1);
    }

    /** Resilience4j 2.4.0, called as an application calls it. */
    @Benchmark
    public boolean resilience4j() {
        return resilience4j.acquirePermission();
    }

    /** Bucket4j 8.14.0, called as an application calls it. */
    @Benchmark
    public boolean bucket4j() {
        return bucket4j.tryConsume(1);
    }

    /** One clock read compared with a shared state: a rejection needs no write. */
    @Benchmark
    public boolean floor() {
        return System.nanoTime() - floor.get() > 0;
    }
}
