package dev.resilience.spring.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;

/** Counts nothing: stands in until the binder is bound to a registry. */
enum NoopCounter implements Counter {
    INSTANCE;

    private static final Meter.Id ID = new Meter.Id("noop", Tags.empty(), null, null, Meter.Type.COUNTER);

    @Override
    public void increment(double amount) {}

    @Override
    public double count() {
        return 0;
    }

    @Override
    public Meter.Id getId() {
        return ID;
    }
}
