package dev.resilience.core.time;

/** The one time source that reads the real monotonic clock. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
