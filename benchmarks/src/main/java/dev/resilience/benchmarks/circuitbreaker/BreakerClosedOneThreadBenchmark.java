package dev.resilience.benchmarks.circuitbreaker;

import org.openjdk.jmh.annotations.Threads;

/** {@link BreakerClosedPath} with one calling thread. */
@Threads(1)
public class BreakerClosedOneThreadBenchmark extends BreakerClosedPath {}
