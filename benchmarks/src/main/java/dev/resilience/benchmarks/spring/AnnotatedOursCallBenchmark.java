package dev.resilience.benchmarks.spring;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Our side of {@link AnnotatedCallBenchmark}: the same application, the same method, guarded by
 * {@code @RateLimited} and {@code @CircuitBreaker} with the limit never reached.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedOursCallBenchmark {

    private ConfigurableApplicationContext context;

    private OursService ours;

    private int tokens = 64;

    /** Starts the application and looks up the benchmarked bean. */
    @Setup
    public void startApplication() {
        context = BenchmarkApplication.startWithout(BenchmarkApplication.RESILIENCE4J);
        ours = context.getBean(OursService.class);
        BenchmarkApplication.requireAdvised(ours);
    }

    /** Closes the application. */
    @TearDown
    public void stopApplication() {
        context.close();
    }

    /** This project's implementation, called as an application calls it. */
    @Benchmark
    public int ours() {
        return ours.complete(tokens);
    }
}
