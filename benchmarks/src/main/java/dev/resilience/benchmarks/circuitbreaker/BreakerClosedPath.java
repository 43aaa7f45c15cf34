package dev.resilience.benchmarks.circuitbreaker;

import dev.resilience.benchmarks.Floors;
import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
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
 * One closed breaker with a window of the last 100 calls, every call succeeding: ask for
 * permission, run the call, record the success. This is the overhead a healthy dependency pays
 * on every call. The subclasses fix the number of threads.
 *
 * <p>Resilience4j always times each call (its slow-call threshold defaults to 60 s and cannot be
 * switched off), so its one method is compared with both of ours: slow-call detection off, where
 * no clock needs reading, and on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class BreakerClosedPath {

    private Breaker ours;

    private Breaker oursSlowCalls;

    private CircuitBreaker resilience4j;

    private final AtomicLong floor = new AtomicLong();

    private int result = 42;

    /** Creates the state every benchmark method of this class shares. */
    @Setup
    public void createBreakers() {
        BreakerConfig config = BreakerConfig.builder().slidingWindowSize(100).build();
        ours = Breakers.create("closed", config, TimeSource.system());
        oursSlowCalls = Breakers.create(
                "closed-slow",
                config.toBuilder()
                        .slowCallDurationThreshold(Duration.ofSeconds(60))
                        .build(),
                TimeSource.system());
        resilience4j = CircuitBreaker.of(
                "closed", CircuitBreakerConfig.custom().slidingWindowSize(100).build());
    }

    /** Slow-call detection off: no clock read. */
    @Benchmark
    public int ours() {
        return call(ours);
    }

    /** Slow-call detection on, 60 s like Resilience4j's default: two clock reads. */
    @Benchmark
    public int oursSlowCalls() {
        return call(oursSlowCalls);
    }

    /** Resilience4j 2.4.0, called as an application calls it. */
    @Benchmark
    public int resilience4j() {
        if (!resilience4j.tryAcquirePermission()) {
            throw new IllegalStateException("the breaker must stay closed");
        }
        long start = resilience4j.getCurrentTimestamp();
        int value = protectedCall();
        resilience4j.onSuccess(resilience4j.getCurrentTimestamp() - start, resilience4j.getTimestampUnit());
        return value;
    }

    /** The call and one compare-and-set to count its outcome. */
    @Benchmark
    public int floor() {
        int value = protectedCall();
        Floors.cas(floor);
        return value;
    }

    /** The call timed by two clock reads, and one compare-and-set to count its outcome. */
    @Benchmark
    public long floorWithClock() {
        long start = System.nanoTime();
        int value = protectedCall();
        long elapsed = System.nanoTime() - start;
        Floors.cas(floor);
        return value + elapsed;
    }

    private int call(Breaker breaker) {
        Permission permission = breaker.tryAcquirePermission();
        if (!permission.permitted()) {
            throw new IllegalStateException("the breaker must stay closed");
        }
        long start = breaker.startTime();
        int value = protectedCall();
        breaker.onSuccess(permission, start);
        return value;
    }

    private int protectedCall() {
        return result;
    }
}
