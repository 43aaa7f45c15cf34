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
 * One call of an annotated Spring bean method, through its proxy, with the limit never reached
 * and the breaker closed: what the annotations add to a method as the application calls it.
 * Compared with the same method behind a no-op around advice (the cost of any proxy and advice)
 * and with no proxy at all. Our side is {@link AnnotatedOursCallBenchmark}, in an application
 * without Resilience4j's auto-configuration.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedCallBenchmark {

    private ConfigurableApplicationContext context;

    private PlainService plain;

    private NoOpAdvisedService noOpAspect;

    private Resilience4jService resilience4j;

    private int tokens = 64;

    /** Starts the application and looks up the benchmarked bean. */
    @Setup
    public void startApplication() {
        context = BenchmarkApplication.startWithout(BenchmarkApplication.OURS);
        plain = context.getBean(PlainService.class);
        noOpAspect = context.getBean(NoOpAdvisedService.class);
        resilience4j = context.getBean(Resilience4jService.class);
        BenchmarkApplication.requireAdvised(noOpAspect);
        BenchmarkApplication.requireAdvised(resilience4j);
    }

    /** Closes the application. */
    @TearDown
    public void stopApplication() {
        context.close();
    }

    /** The method with no proxy: the floor. */
    @Benchmark
    public int floor() {
        return plain.complete(tokens);
    }

    /** The same method behind a proxy with a no-op around advice. */
    @Benchmark
    public int noOpAspect() {
        return noOpAspect.complete(tokens);
    }

    /** Resilience4j 2.4.0, called as an application calls it. */
    @Benchmark
    public int resilience4j() {
        return resilience4j.complete(tokens);
    }
}
