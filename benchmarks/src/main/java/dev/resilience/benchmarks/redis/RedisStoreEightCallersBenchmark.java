package dev.resilience.benchmarks.redis;

import org.openjdk.jmh.annotations.Threads;

/** {@link RedisStorePath} with 8 concurrent callers. */
@Threads(8)
public class RedisStoreEightCallersBenchmark extends RedisStorePath {}
