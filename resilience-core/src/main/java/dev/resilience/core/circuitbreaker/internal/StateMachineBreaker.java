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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A circuit breaker whose current state is one {@link Phase} object swapped by compare-and-set.
 *
 * <p>An outcome is recorded against the phase that admitted the call: a late result from a call
 * admitted while closed cannot touch a breaker that has since opened, and a transition happens
 * only for the thread whose compare-and-set replaced the phase it observed, so exactly once. The
 * closed path takes no lock: permission is a read of the phase, recording is at most a few atomic
 * operations on the window. A rejection allocates nothing once its phase has stored its one
 * rejection event, unless there are listeners to tell.
 *
 * <p>Timed transitions happen when a call asks for permission or reports an outcome: the breaker
 * reads OPEN until the first call after the open wait, which moves it to HALF_OPEN; a half-open
 * phase that outlives the maximum wait in half-open re-opens on the next call or outcome.
 */
public final class StateMachineBreaker implements Breaker {

    private static final VarHandle EVENTS;
    private static final VarHandle PHASE;
    private static final VarHandle NOT_PERMITTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            EVENTS = lookup.findVarHandle(StateMachineBreaker.class, "events", EventRing.class);
            PHASE = lookup.findVarHandle(StateMachineBreaker.class, "phase", Phase.class);
            NOT_PERMITTED = lookup.findVarHandle(StateMachineBreaker.class, "notPermitted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final BreakerConfig config;
    private final TimeSource time;
    private final long origin;
    private final long maxHalfOpenNanos;
    private final long slowNanos;
    /** The current phase; replaced only by compare-and-set. */
    private volatile Phase phase;
    /** Calls rejected since creation; an exact count. */
    private volatile long notPermitted;

    private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();
    /** Created on the first event: most breakers never see one, and the ring is most of a breaker. */
    private volatile EventRing events;

    /** Creates a closed breaker. */
    public StateMachineBreaker(String name, BreakerConfig config, TimeSource time) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.origin = time.nanoTime();
        this.maxHalfOpenNanos = config.maxWaitDurationInHalfOpenState().toNanos();
        this.slowNanos = config.slowCallDurationThreshold().toNanos();
        phase = phase(BreakerState.CLOSED, origin, 0, null);
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
            Phase current = phase;
            switch (current.state) {
                case CLOSED, DISABLED:
                    return current;
                case HALF_OPEN:
                    if (halfOpenExpired(current)) {
                        continue;
                    }
                    if (current.probes.incrementAndGet() <= config.permittedCallsInHalfOpenState()) {
                        return current;
                    }
                    current.probes.decrementAndGet();
                    return reject(current);
                case OPEN:
                    long now = time.nanoTime();
                    if (now - current.enteredAt >= current.openWaitNanos) {
                        transition(current, BreakerState.HALF_OPEN, "open wait elapsed", now);
                        continue;
                    }
                    return reject(current);
                default:
                    return reject(current);
            }
        }
    }

    @Override
    public long startTime() {
        return config.detectsSlowCalls() ? time.nanoTime() : 0;
    }

    @Override
    public void onSuccess(Permission permission, long startTime) {
        record(admitted(permission), false, startTime);
    }

    @Override
    public void onFailure(Permission permission, long startTime, Throwable error) {
        Phase admitted = admitted(permission);
        if (config.ignoreFailure().test(error)) {
            release(admitted);
            return;
        }
        record(admitted, config.recordFailure().test(error), startTime);
    }

    @Override
    public void release(Permission permission) {
        Phase admitted = admitted(permission);
        if (admitted.state == BreakerState.HALF_OPEN) {
            admitted.probes.decrementAndGet();
        }
    }

    @Override
    public BreakerState state() {
        return phase.state;
    }

    @Override
    public void transitionTo(BreakerState target) {
        Objects.requireNonNull(target, "target");
        long now = time.nanoTime();
        while (!transition(phase, target, "requested", now)) {
            // Another transition won the race; apply the requested one on top of it.
        }
    }

    @Override
    public BreakerSnapshot snapshot() {
        Phase current = phase;
        long now = time.nanoTime();
        OutcomeWindow.Totals totals =
                current.window != null ? current.window.totals(now) : new OutcomeWindow.Totals(0, 0, 0);
        boolean rates = current.window != null && config.failureDetection() != FailureDetection.CONSECUTIVE;
        return new BreakerSnapshot(
                name,
                current.state,
                rates ? totals.failureRate(config) : BreakerSnapshot.NOT_COMPUTED,
                rates && config.detectsSlowCalls() ? totals.slowCallRate(config) : BreakerSnapshot.NOT_COMPUTED,
                totals.calls(),
                totals.failed(),
                totals.slow(),
                notPermitted,
                config);
    }

    @Override
    public List<BreakerEvent> recentEvents() {
        EventRing ring = events;
        return ring != null ? ring.recent() : List.of();
    }

    @Override
    public void addListener(BreakerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private static Phase admitted(Permission permission) {
        if (permission instanceof Phase admitted) {
            return admitted;
        }
        throw new IllegalArgumentException(
                "Only a permitted Permission from this breaker can be reported, but got " + permission);
    }

    private void record(Phase admitted, boolean failure, long startTime) {
        if (admitted != phase || admitted.state == BreakerState.DISABLED) {
            return;
        }
        boolean timed = config.detectsSlowCalls() || admitted.window instanceof TimeWindow;
        long now = timed || admitted.state == BreakerState.HALF_OPEN ? time.nanoTime() : 0;
        boolean slow = config.detectsSlowCalls() && now - startTime > slowNanos;
        if (admitted.state == BreakerState.CLOSED) {
            String reason = admitted.window.record(failure, slow, now);
            if (reason != null) {
                transition(admitted, BreakerState.OPEN, reason, timed ? now : time.nanoTime());
            }
        } else if (admitted.state == BreakerState.HALF_OPEN && !halfOpenExpired(admitted)) {
            if (failure || slow) {
                transition(admitted, BreakerState.OPEN, failure ? "probe failed" : "probe was slow", now);
            } else if (admitted.succeeded.incrementAndGet() >= config.permittedCallsInHalfOpenState()) {
                transition(admitted, BreakerState.CLOSED, "probes succeeded", now);
            }
        }
    }

    /** Re-opens a half-open phase that outlived its maximum wait; returns whether it had. */
    private boolean halfOpenExpired(Phase current) {
        if (maxHalfOpenNanos == 0) {
            return false;
        }
        long now = time.nanoTime();
        if (now - current.enteredAt < maxHalfOpenNanos) {
            return false;
        }
        transition(current, BreakerState.OPEN, "no probe outcome within the maximum wait in half-open", now);
        return true;
    }

    /**
     * Counts a rejection exactly; stores only the first rejection of each phase in the event
     * buffer (so a long open phase neither allocates per call nor floods out the transitions) and
     * tells listeners of every rejection, allocating an event only when there is one to tell.
     */
    private Permission reject(Phase current) {
        NOT_PERMITTED.getAndAdd(this, 1L);
        boolean store = config.eventBufferSize() > 0 && current.claimRejectionEvent();
        if (store || !listeners.isEmpty()) {
            BreakerEvent event = new BreakerEvent(
                    name,
                    BreakerEvent.Type.NOT_PERMITTED,
                    current.state,
                    current.state,
                    "not permitted",
                    time.nanoTime());
            if (store) {
                events().add(event);
            }
            notify(event);
        }
        return current.rejection;
    }

    /** Replaces {@code from} with a fresh phase in state {@code to}; only one caller succeeds. */
    private boolean transition(Phase from, BreakerState to, String reason, long now) {
        // The open wait grows with each re-opening from half-open and starts over after a close.
        int reopenings = switch (to) {
            case OPEN ->
                from.state == BreakerState.HALF_OPEN
                        ? from.reopenings + 1
                        : from.state == BreakerState.CLOSED ? 0 : from.reopenings;
            case HALF_OPEN -> from.reopenings;
            default -> 0;
        };
        OutcomeWindow frozen = to == BreakerState.OPEN ? from.window : null;
        Phase next = phase(to, now, reopenings, frozen);
        if (!PHASE.compareAndSet(this, from, next)) {
            return false;
        }
        publish(new BreakerEvent(name, BreakerEvent.Type.STATE_TRANSITION, from.state, to, reason, now));
        return true;
    }

    private Phase phase(BreakerState state, long now, int reopenings, OutcomeWindow frozen) {
        OutcomeWindow window = state == BreakerState.CLOSED ? OutcomeWindow.create(config, origin) : frozen;
        return new Phase(state, now, reopenings, window, config, time);
    }

    /** The event ring, created by the first caller to need it; only one ring is ever kept. */
    private EventRing events() {
        EventRing ring = events;
        if (ring != null) {
            return ring;
        }
        EventRing fresh = new EventRing(config.eventBufferSize());
        EventRing witness = (EventRing) EVENTS.compareAndExchange(this, null, fresh);
        return witness != null ? witness : fresh;
    }

    private void publish(BreakerEvent event) {
        if (config.eventBufferSize() > 0) {
            events().add(event);
        }
        notify(event);
    }

    private void notify(BreakerEvent event) {
        for (BreakerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException ignored) {
                // A listener must never change the outcome of a guarded call.
            }
        }
    }
}
