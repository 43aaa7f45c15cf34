package dev.resilience.core.circuitbreaker;

import dev.resilience.core.circuitbreaker.internal.StateMachineBreaker;
import dev.resilience.core.time.TimeSource;

/** Creates circuit breakers; the implementation stays hidden behind this factory. */
public final class Breakers {

    private Breakers() {}

    /** Creates a closed breaker with the given settings. */
    public static Breaker create(String name, BreakerConfig config, TimeSource time) {
        return new StateMachineBreaker(name, config, time);
    }
}
