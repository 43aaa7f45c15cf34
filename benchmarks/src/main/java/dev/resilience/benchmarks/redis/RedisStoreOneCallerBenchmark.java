package dev.resilience.benchmarks.redis;

import org.openjdk.jmh.annotations.Threads;

/** {@link RedisStorePath} with 1 concurrent caller. */
@Threads(1)
public class RedisStoreOneCallerBenchmark extends RedisStorePath {}
