package dev.resilience.benchmarks.redis;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decisions per second of the Redis store, each for one of 1,000 keys drawn at random, every one
 * permitted, from a number of concurrent callers fixed by the subclasses. Every decision is one
 * script call to the local redis-server over the shared connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class RedisStorePath {

    private static final int KEYS = 1_000;

    private final String[] keys = new String[KEYS];

    private LocalRedis redis;

    private KeyedRateLimiter ours;

    /** Connects to the local redis-server and creates the limiter. */
    @Setup
    public void connect() {
        redis = new LocalRedis(false);
        ours = redis.limiter("bench");
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "tenant-" + i;
        }
    }

    /** Checks that Redis decided every call, then disconnects. */
    @TearDown
    public void disconnect() {
        try {
            redis.requireNoFallback();
        } finally {
            redis.close();
        }
    }

    /** This project's Redis store, called as the starter's aspect calls it. */
    @Benchmark
    public Decision ours() {
        return ours.tryAcquire(keys[ThreadLocalRandom.current().nextInt(KEYS)], 1);
    }
}
