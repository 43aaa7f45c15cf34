package dev.resilience.benchmarks.circuitbreaker;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One open breaker, every call rejected, measured as the caller sees it: the guarded method
 * throws, and the caller catches the exception. For this project that is a rejected {@link
 * Permission} turned into the starter's {@link CallNotPermittedException}, which has no stack
 * trace; for Resilience4j, its own {@code CallNotPermittedException} with its defaults (stack
 * trace written).
 *
 * <p>The stack here is a few frames deep; in a web application it is a hundred or more, which
 * makes a stack trace proportionally dearer than measured here.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BreakerOpenBenchmark {

    /** Long enough that no breaker leaves the open state while it is measured. */
    private static final Duration OPEN_WAIT = Duration.ofDays(1);

    private static final RuntimeException SHARED_REJECTION = new IllegalStateException("open", null);

    private Breaker ours;

    private CircuitBreaker resilience4j;

    private volatile boolean open = true;

    /** Creates the state every benchmark method of this class shares. */
    @Setup
    public void openBreakers() {
        ours = Breakers.create(
                "open",
                BreakerConfig.builder().waitDurationInOpenState(OPEN_WAIT).build(),
                TimeSource.system());
        ours.transitionTo(BreakerState.OPEN);
        resilience4j = CircuitBreaker.of(
                "open",
                CircuitBreakerConfig.custom().waitDurationInOpenState(OPEN_WAIT).build());
        resilience4j.transitionToOpenState();
    }

    /** This project's implementation, called as an application calls it. */
    @Benchmark
    public Object ours() {
        try {
            return guardedByOurs();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    /** Resilience4j 2.4.0, called as an application calls it. */
    @Benchmark
    public Object resilience4j() {
        try {
            return guardedByResilience4j();
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
            return e;
        }
    }

    /** A state check and a throw of a preallocated exception: the least a rejection costs. */
    @Benchmark
    public Object floor() {
        try {
            return guardedByFlag();
        } catch (IllegalStateException e) {
            return e;
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private Object guardedByOurs() {
        Permission permission = ours.tryAcquirePermission();
        if (!permission.permitted()) {
            // Exactly the exception the starter's aspect throws when no fallback is declared.
            throw new CallNotPermittedException(ours.name(), permission.state(), permission.retryAfterNanos());
        }
        throw new IllegalStateException("the breaker must stay open");
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private Object guardedByResilience4j() {
        resilience4j.acquirePermission();
        throw new IllegalStateException("the breaker must stay open");
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private Object guardedByFlag() {
        if (open) {
            throw SHARED_REJECTION;
        }
        return this;
    }
}
