package dev.resilience.spring.redis;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Shares one breaker's state transitions with every instance of an application through Redis,
 * so that when one instance sees a dependency fail, all of them open, and a state forced on one
 * instance (through Actuator, say) applies to the whole fleet.
 *
 * <p>Each instance still counts its own calls; only transitions travel. A transition is written
 * to a state key, {@code <prefix>{breaker:<name>}:state}, for instances that start later, and
 * published on the channel {@code <prefix>{breaker:<name>}:transitions}. A transition received
 * from another instance is applied with {@link Breaker#transitionTo} and not published again,
 * so two instances never echo each other. Half-open is not shared: each instance probes the
 * dependency on its own schedule, and the outcome of its probes (closed or open) is shared.
 *
 * <p>Publishing happens on a background thread, never on the thread of the guarded call. When
 * Redis cannot be reached the breaker carries on locally; one WARN line reports it and one INFO
 * line the recovery. The state key of an open breaker expires after the open wait; forced and
 * disabled states persist until another transition replaces them, and a close deletes the key.
 */
public final class RedisSharedBreakerState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSharedBreakerState.class);

    /** How often a lost subscription is tried again. */
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);

    private final Breaker breaker;
    private final RedisConnectionFactory connectionFactory;
    private final byte[] stateKey;
    private final String channel;
    private final String instanceId = UUID.randomUUID().toString();
    private final ThreadLocal<Boolean> applyingRemote = ThreadLocal.withInitial(() -> false);
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService publisher;
    private final RedisMessageListenerContainer subscriptions;

    private RedisSharedBreakerState(Breaker breaker, RedisConnectionFactory connectionFactory, String keyPrefix) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        String base = keyPrefix + "{breaker:" + breaker.name() + "}";
        this.stateKey = (base + ":state").getBytes(StandardCharsets.UTF_8);
        this.channel = base + ":transitions";
        this.publisher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "breaker-share-" + breaker.name());
            thread.setDaemon(true);
            return thread;
        });
        this.subscriptions = new RedisMessageListenerContainer();
        subscriptions.setConnectionFactory(connectionFactory);
        subscriptions.addMessageListener((message, pattern) -> onMessage(message), new ChannelTopic(channel));
    }

    /**
     * Starts sharing the breaker's transitions: applies the state other instances left in Redis,
     * then publishes this breaker's transitions and follows theirs until {@link #close()}.
     *
     * @param keyPrefix the prefix of the state key and channel, for example {@code resilience:}
     */
    public static RedisSharedBreakerState share(
            Breaker breaker, RedisConnectionFactory connectionFactory, String keyPrefix) {
        RedisSharedBreakerState shared = new RedisSharedBreakerState(breaker, connectionFactory, keyPrefix);
        shared.start();
        return shared;
    }

    private void start() {
        subscriptions.setRecoveryInterval(RECOVERY_INTERVAL.toMillis());
        subscriptions.afterPropertiesSet();
        try {
            subscriptions.start();
        } catch (RuntimeException e) {
            // The container retries the subscription every recovery interval on its own.
            unreachable(e);
        }
        try (RedisConnection connection = connectionFactory.getConnection()) {
            byte[] value = connection.stringCommands().get(stateKey);
            if (value != null) {
                onTransition(new String(value, StandardCharsets.UTF_8));
            }
            reachable();
        } catch (RuntimeException e) {
            unreachable(e);
        }
        breaker.addListener(this::onEvent);
    }

    /** Stops sharing: this breaker's transitions stay local from now on. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            publisher.shutdown();
            subscriptions.stop();
            try {
                subscriptions.destroy();
            } catch (Exception e) {
                log.debug("Closing the subscription of circuit breaker '{}' failed", breaker.name(), e);
            }
        }
    }

    private void onEvent(BreakerEvent event) {
        if (closed.get()
                || event.type() != BreakerEvent.Type.STATE_TRANSITION
                || event.to() == BreakerState.HALF_OPEN
                || applyingRemote.get()) {
            return;
        }
        BreakerState state = event.to();
        publisher.execute(() -> publish(state));
    }

    private void publish(BreakerState state) {
        byte[] value = (instanceId + " " + state.name()).getBytes(StandardCharsets.UTF_8);
        try (RedisConnection connection = connectionFactory.getConnection()) {
            switch (state) {
                case CLOSED -> connection.keyCommands().del(stateKey);
                case OPEN ->
                    connection
                            .stringCommands()
                            .set(
                                    stateKey,
                                    value,
                                    Expiration.from(breaker.config().waitDurationInOpenState()),
                                    SetOption.upsert());
                default -> connection.stringCommands().set(stateKey, value);
            }
            connection.publish(channel.getBytes(StandardCharsets.UTF_8), value);
            reachable();
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    private void onMessage(Message message) {
        onTransition(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    /** Applies a transition made by another instance, without publishing it again. */
    private void onTransition(String value) {
        int space = value.indexOf(' ');
        if (space < 0 || value.substring(0, space).equals(instanceId) || closed.get()) {
            return;
        }
        BreakerState target;
        try {
            target = BreakerState.valueOf(value.substring(space + 1));
        } catch (IllegalArgumentException e) {
            log.debug("Ignoring unknown state '{}' for circuit breaker '{}'", value, breaker.name());
            return;
        }
        BreakerState current = breaker.state();
        if (current == target) {
            return;
        }
        applyingRemote.set(true);
        try {
            breaker.transitionTo(target);
        } finally {
            applyingRemote.set(false);
        }
        log.info("Circuit breaker '{}' {} -> {}, following another instance", breaker.name(), current, target);
    }

    private void unreachable(RuntimeException e) {
        if (unreachable.compareAndSet(false, true)) {
            log.warn(
                    "Circuit breaker '{}' cannot share its state through Redis ({}); it carries on locally",
                    breaker.name(),
                    e.toString());
        }
    }

    private void reachable() {
        if (unreachable.compareAndSet(true, false)) {
            log.info("Circuit breaker '{}' shares its state through Redis again", breaker.name());
        }
    }
}
