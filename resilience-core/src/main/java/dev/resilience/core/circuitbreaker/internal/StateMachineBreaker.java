package dev.resilience.core.circuitbreaker.internal;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerListener;
import dev.resilience.core.circuitbreaker.BreakerSnapshot;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.FailureDetection;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker whose current state is one immutable-identity {@link Phase} object swapped
 * by compare-and-set.
 *
 * <p>Each phase is also the {@link Permission} handed to the calls it admits, so an outcome is
 * always recorded against the phase that admitted the call: a late result from a call admitted
 * while closed cannot close a breaker that has since opened, and a transition happens only for
 * the thread whose compare-and-set replaced the phase it observed, exactly once.
 */
public final class StateMachineBreaker implements Breaker {

    private final String name;
    private final BreakerConfig config;
    private final TimeSource time;
    private final AtomicReference<Phase> phase = new AtomicReference<>();
    private final AtomicLong notPermitted = new AtomicLong();
    private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<BreakerEvent> events = new ArrayDeque<>();

    public StateMachineBreaker(String name, BreakerConfig config, TimeSource time) {
        this.name = name;
        this.config = config;
        this.time = time;
        phase.set(new Phase(BreakerState.CLOSED, 0, 0, config));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BreakerConfig config() {
        return config;
    }

    @Override
    public Permission tryAcquirePermission() {
        while (true) {
            Phase current = phase.get();
            switch (current.state) {
                case CLOSED, DISABLED:
                    return current;
                case HALF_OPEN:
                    if (current.probesStarted.incrementAndGet() <= config.permittedCallsInHalfOpenState()) {
                        return current;
                    }
                    current.probesStarted.decrementAndGet();
                    return reject(current, 0);
                case OPEN:
                    long now = time.nanoTime();
                    long waited = now - current.enteredAt;
                    if (waited >= current.openWaitNanos) {
                        transition(current, BreakerState.HALF_OPEN, "open wait elapsed", now);
                        continue;
                    }
                    return reject(current, current.openWaitNanos - waited);
                default:
                    return reject(current, 0);
            }
        }
    }

    @Override
    public long startTime() {
        return config.detectsSlowCalls() ? time.nanoTime() : 0;
    }

    @Override
    public void onSuccess(Permission permission, long startTime) {
        record((Phase) permission, false, isSlow(startTime));
    }

    @Override
    public void onFailure(Permission permission, long startTime, Throwable error) {
        Phase admitted = (Phase) permission;
        if (config.ignoreFailure().test(error)) {
            release(admitted);
            return;
        }
        record(admitted, config.recordFailure().test(error), isSlow(startTime));
    }

    @Override
    public void release(Permission permission) {
        Phase admitted = (Phase) permission;
        if (admitted.state == BreakerState.HALF_OPEN) {
            admitted.probesStarted.decrementAndGet();
        }
    }

    @Override
    public BreakerState state() {
        return phase.get().state;
    }

    @Override
    public void transitionTo(BreakerState target) {
        Phase current = phase.get();
        transition(current, target, "requested", time.nanoTime());
    }

    @Override
    public BreakerSnapshot snapshot() {
        Phase p = phase.get();
        return p.window.snapshot(name, p.state, notPermitted.get(), config);
    }

    @Override
    public List<BreakerEvent> recentEvents() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void addListener(BreakerListener listener) {
        listeners.add(listener);
    }

    private boolean isSlow(long startTime) {
        return config.detectsSlowCalls()
                && time.nanoTime() - startTime
                        > config.slowCallDurationThreshold().toNanos();
    }

    private void record(Phase admitted, boolean failure, boolean slow) {
        Phase current = phase.get();
        if (admitted != current) {
            return;
        }
        switch (admitted.state) {
            case CLOSED -> {
                String reason = admitted.window.record(failure, slow);
                if (reason != null) {
                    transition(admitted, BreakerState.OPEN, reason, time.nanoTime());
                }
            }
            case HALF_OPEN -> {
                if (failure || slow) {
                    transition(admitted, BreakerState.OPEN, "probe failed", time.nanoTime());
                } else if (admitted.probesSucceeded.incrementAndGet() >= config.permittedCallsInHalfOpenState()) {
                    transition(admitted, BreakerState.CLOSED, "probes succeeded", time.nanoTime());
                }
            }
            default -> {}
        }
    }

    private Permission reject(Phase current, long retryAfterNanos) {
        notPermitted.incrementAndGet();
        publish(new BreakerEvent(
                name, BreakerEvent.Type.NOT_PERMITTED, current.state, current.state, "", time.nanoTime()));
        return new Rejection(current.state, retryAfterNanos);
    }

    private void transition(Phase from, BreakerState to, String reason, long now) {
        int reopenings = from.state == BreakerState.HALF_OPEN && to == BreakerState.OPEN ? from.reopenings + 1 : 0;
        Phase next = new Phase(to, now, to == BreakerState.OPEN ? reopenings : from.reopenings, config);
        if (phase.compareAndSet(from, next)) {
            publish(new BreakerEvent(name, BreakerEvent.Type.STATE_TRANSITION, from.state, to, reason, now));
        }
    }

    private void publish(BreakerEvent event) {
        if (config.eventBufferSize() > 0) {
            synchronized (events) {
                if (events.size() == config.eventBufferSize()) {
                    events.removeFirst();
                }
                events.addLast(event);
            }
        }
        for (BreakerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException ignored) {
                // A listener must never change the outcome of a guarded call.
            }
        }
    }

    /** One stay in one state; its identity tells calls admitted in it from later ones. */
    private static final class Phase implements Permission {
        final BreakerState state;
        final long enteredAt;
        final int reopenings;
        final long openWaitNanos;
        final AtomicInteger probesStarted = new AtomicInteger();
        final AtomicInteger probesSucceeded = new AtomicInteger();
        final FailureWindow window;

        Phase(BreakerState state, long enteredAt, int reopenings, BreakerConfig config) {
            this.state = state;
            this.enteredAt = enteredAt;
            this.reopenings = reopenings;
            double wait =
                    config.waitDurationInOpenState().toNanos() * Math.pow(config.waitDurationMultiplier(), reopenings);
            this.openWaitNanos =
                    (long) Math.min(wait, config.maxWaitDurationInOpenState().toNanos());
            this.window = state == BreakerState.CLOSED ? new FailureWindow(config) : FailureWindow.EMPTY;
        }

        @Override
        public boolean permitted() {
            return true;
        }

        @Override
        public BreakerState state() {
            return state;
        }

        @Override
        public long retryAfterNanos() {
            return 0;
        }
    }

    private record Rejection(BreakerState state, long retryAfterNanos) implements Permission {
        @Override
        public boolean permitted() {
            return false;
        }
    }

    /** Outcomes of the closed state; a first cut guarded by its own monitor. */
    private static final class FailureWindow {
        static final FailureWindow EMPTY = new FailureWindow(null);

        private final BreakerConfig config;
        private final byte[] ring;
        private int next;
        private int buffered;
        private int failed;
        private int slow;
        private int consecutive;

        FailureWindow(BreakerConfig config) {
            this.config = config;
            this.ring = config == null || config.failureDetection() != FailureDetection.COUNT_WINDOW
                    ? new byte[0]
                    : new byte[config.slidingWindowSize()];
        }

        /** Records one outcome; returns why the breaker must open, or null. */
        synchronized String record(boolean failure, boolean slowCall) {
            if (config.failureDetection() == FailureDetection.CONSECUTIVE) {
                consecutive = failure ? consecutive + 1 : 0;
                buffered = Math.min(buffered + 1, Integer.MAX_VALUE - 1);
                failed += failure ? 1 : 0;
                return consecutive >= config.failureThreshold() ? consecutive + " consecutive failures" : null;
            }
            byte outcome = (byte) ((failure ? 1 : 0) | (slowCall ? 2 : 0));
            if (buffered == ring.length) {
                byte old = ring[next];
                failed -= old & 1;
                slow -= (old >> 1) & 1;
            } else {
                buffered++;
            }
            ring[next] = outcome;
            next = (next + 1) % ring.length;
            failed += failure ? 1 : 0;
            slow += slowCall ? 1 : 0;
            if (buffered < config.minimumNumberOfCalls()) {
                return null;
            }
            float failureRate = failed * 100f / buffered;
            float slowRate = slow * 100f / buffered;
            if (failureRate >= config.failureRateThreshold()) {
                return "failure rate " + failureRate + "% >= " + config.failureRateThreshold() + "%";
            }
            if (slowRate >= config.slowCallRateThreshold()) {
                return "slow-call rate " + slowRate + "% >= " + config.slowCallRateThreshold() + "%";
            }
            return null;
        }

        synchronized BreakerSnapshot snapshot(String name, BreakerState state, long notPermitted, BreakerConfig cfg) {
            boolean computed = buffered > 0 && buffered >= cfg.minimumNumberOfCalls();
            float failureRate = computed ? failed * 100f / buffered : BreakerSnapshot.NOT_COMPUTED;
            float slowRate = computed ? slow * 100f / buffered : BreakerSnapshot.NOT_COMPUTED;
            return new BreakerSnapshot(name, state, failureRate, slowRate, buffered, failed, slow, notPermitted, cfg);
        }
    }
}
