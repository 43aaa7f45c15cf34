package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The parts every limiter and breaker is built from, each measured alone: a method call, one
 * clock read, one compare-and-set, and a clock read plus a compare-and-set (the least a
 * lock-free limiter can do per decision).
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {

    private final AtomicLong state = new AtomicLong();

    private long value = 42;

    /** A call that does nothing but return a field; never inlined, so the call itself is paid. */
    @Benchmark
    public long plainCall() {
        return notInlined();
    }

    /** One read of the monotonic clock. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** One compare-and-set on a shared counter, uncontended at one thread. */
    @Benchmark
    public boolean cas() {
        long current = state.get();
        return state.compareAndSet(current, current + 1);
    }

    /** One clock read, then one compare-and-set that stores a value derived from it. */
    @Benchmark
    public boolean nanoTimeAndCas() {
        return Floors.clockAndCas(state);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private long notInlined() {
        return value;
    }
}
