package dev.resilience.benchmarks.circuitbreaker;

import org.openjdk.jmh.annotations.Threads;

/** {@link BreakerClosedPath} with two threads calling through the same breaker. */
@Threads(2)
public class BreakerClosedTwoThreadsBenchmark extends BreakerClosedPath {}
