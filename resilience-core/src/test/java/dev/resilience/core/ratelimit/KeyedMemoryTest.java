package dev.resilience.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.time.ManualTimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measures the heap a live key costs in the keyed store, map entry included and key string
 * excluded, and prints it; the bound asserted is generous because heap readings are coarse.
 */
class KeyedMemoryTest {

    private static final int KEYS = 100_000;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aLiveKeyCostsWellUnderTwoHundredBytes(Algorithm algorithm) {
        ManualTimeSource time = ManualTimeSource.create();
        RateLimitConfig config =
                RateLimitConfig.perPeriod(100, Duration.ofMinutes(1)).withAlgorithm(algorithm);
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "tenant-" + i;
        }
        KeyedRateLimiter limiter = RateLimiters.keyed("memory", config, time, KEYS);
        long before = usedHeapAfterGc();

        for (String key : keys) {
            limiter.tryAcquire(key, 1);
        }
        long after = usedHeapAfterGc();

        long bytesPerKey = (after - before) / KEYS;
        System.out.printf("%s: %d bytes per live key%n", algorithm, bytesPerKey);
        assertThat(limiter.size()).isEqualTo(KEYS);
        assertThat(bytesPerKey).isLessThan(200);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
