package dev.resilience.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/** The floor operations the benchmark rows compare against, shared so they stay identical. */
public final class Floors {

    private Floors() {}

    /**
     * Reads the clock once and publishes a state derived from it with one compare-and-set, the
     * way a lock-free limiter decides: the least any limiter that reads real time can do.
     *
     * @return whether this thread's compare-and-set won (it loses only under contention)
     */
    public static boolean clockAndCas(AtomicLong state) {
        long now = System.nanoTime();
        long current = state.get();
        return state.compareAndSet(current, Math.max(current, now) + 1);
    }

    /** One compare-and-set on a counter, the least a breaker that counts outcomes can do. */
    public static boolean cas(AtomicLong state) {
        long current = state.get();
        return state.compareAndSet(current, current + 1);
    }
}
