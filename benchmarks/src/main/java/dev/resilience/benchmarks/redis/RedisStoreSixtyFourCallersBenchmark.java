package dev.resilience.benchmarks.redis;

import org.openjdk.jmh.annotations.Threads;

/** {@link RedisStorePath} with 64 concurrent callers. */
@Threads(64)
public class RedisStoreSixtyFourCallersBenchmark extends RedisStorePath {}
