package dev.resilience.benchmarks.ratelimit;

import org.openjdk.jmh.annotations.Threads;

/** {@link LimiterPermittedPath} with two threads racing for the same limiter. */
@Threads(2)
public class LimiterPermittedTwoThreadsBenchmark extends LimiterPermittedPath {}
