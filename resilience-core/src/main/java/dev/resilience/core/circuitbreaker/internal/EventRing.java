package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.BreakerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent events of a breaker in a fixed ring, written without a lock.
 *
 * <p>A writer claims a sequence number, stores its event, then publishes the sequence number in
 * the slot. A reader keeps an event only if the slot's sequence number is the one it expects both
 * before and after reading the event, so a slot being overwritten is skipped instead of shown out
 * of order.
 */
final class EventRing {

    private final int size;
    private final AtomicLong next = new AtomicLong();
    private final AtomicReferenceArray<BreakerEvent> events;
    private final AtomicLongArray sequences;

    EventRing(int size) {
        this.size = size;
        this.events = new AtomicReferenceArray<>(size);
        this.sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, -1);
        }
    }

    /** Stores an event; the ring holds at least one slot. */
    void add(BreakerEvent event) {
        long sequence = next.getAndIncrement();
        int slot = (int) (sequence % size);
        sequences.set(slot, -1);
        events.set(slot, event);
        sequences.set(slot, sequence);
    }

    List<BreakerEvent> recent() {
        long end = next.get();
        List<BreakerEvent> recent = new ArrayList<>(size);
        for (long sequence = Math.max(0, end - size); sequence < end; sequence++) {
            int slot = (int) (sequence % size);
            if (sequences.get(slot) != sequence) {
                continue;
            }
            BreakerEvent event = events.get(slot);
            if (sequences.get(slot) == sequence) {
                recent.add(event);
            }
        }
        return List.copyOf(recent);
    }
}
