package dev.resilience.benchmarks.ratelimit;

import org.openjdk.jmh.annotations.Threads;

/** {@link LimiterPermittedPath} with one calling thread. */
@Threads(1)
public class LimiterPermittedOneThreadBenchmark extends LimiterPermittedPath {}
