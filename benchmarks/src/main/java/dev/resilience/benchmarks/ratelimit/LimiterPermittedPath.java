package dev.resilience.benchmarks.ratelimit;

import dev.resilience.benchmarks.Floors;
import dev.resilience.core.ratelimit.Decision;
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

/**
 * One limiter, one key, every call permitted: the cost of a decision when the limit is far away.
 * All threads share the one limiter, as all requests of one tenant would. The subclasses fix the
 * number of threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class LimiterPermittedPath {

    private RateLimiter ours;

    private io.github.resilience4j.ratelimiter.RateLimiter resilience4j;

    private Bucket bucket4j;

    private final AtomicLong floor = new AtomicLong();

    /** Creates the state every benchmark method of this class shares. */
    @Setup
    public void createLimiters() {
        ours = Limiters.ours(Limiters.oursAmple());
        resilience4j = io.github.resilience4j.ratelimiter.RateLimiter.of("permitted", Limiters.resilience4jAmple());
        bucket4j = Limiters.bucket4j(Limiters.AMPLE_PERMITS, Limiters.ONE_SECOND);
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

    /** One clock read and one compare-and-set on state shared by all threads. */
    @Benchmark
    public boolean floor() {
        return Floors.clockAndCas(floor);
    }
}
