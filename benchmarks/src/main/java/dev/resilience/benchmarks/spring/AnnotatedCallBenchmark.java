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
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One call of an annotated Spring bean method, through its proxy, with the limit never reached
 * and the breaker closed: what the annotations add to a method as the application calls it.
 * Compared with the same method behind a no-op around advice (the cost of any proxy and advice)
 * and with no proxy at all.
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

    @Setup
    public void startApplication() {
        context = new SpringApplicationBuilder(BenchmarkApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(
                        "logging.level.root=WARN",
                        "resilience4j.ratelimiter.instances.completions.limit-for-period=1000000000",
                        "resilience4j.ratelimiter.instances.completions.limit-refresh-period=1s",
                        "resilience4j.ratelimiter.instances.completions.timeout-duration=0",
                        "resilience4j.circuitbreaker.instances.model.sliding-window-size=100")
                .run();
        plain = context.getBean(PlainService.class);
        noOpAspect = context.getBean(NoOpAdvisedService.class);
        resilience4j = context.getBean(Resilience4jService.class);
    }

    @TearDown
    public void stopApplication() {
        context.close();
    }

    /** The method with no proxy: the floor. */
    @Benchmark
    public int floor() {
        return plain.complete(tokens);
    }

    @Benchmark
    public int noOpAspect() {
        return noOpAspect.complete(tokens);
    }

    @Benchmark
    public int resilience4j() {
        return resilience4j.complete(tokens);
    }
}
