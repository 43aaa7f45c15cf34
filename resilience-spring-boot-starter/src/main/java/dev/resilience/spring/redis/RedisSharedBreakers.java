package dev.resilience.spring.redis;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.autoconfigure.CircuitBreakerProperties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Shares, through Redis, the state of every breaker of a {@link BreakerRegistry} whose {@code
 * shared} property resolves to true: the configured ones at once, the others when the registry
 * creates them on their first call. Stopping or closing it stops the sharing of all of them; as
 * a lifecycle bean in the last phase, it stops before the connection factory does.
 */
final class RedisSharedBreakers implements SmartLifecycle, AutoCloseable {

    private final CircuitBreakerProperties properties;
    private final RedisConnectionFactory connectionFactory;
    private final String keyPrefix;
    private final Queue<RedisSharedBreakerState> shared = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisSharedBreakers(
            CircuitBreakerProperties properties, RedisConnectionFactory connectionFactory, String keyPrefix) {
        this.properties = properties;
        this.connectionFactory = connectionFactory;
        this.keyPrefix = keyPrefix;
    }

    /**
     * Shares every existing and future breaker of {@code registry} configured to share its state.
     *
     * @param keyPrefix the prefix of the state keys and channels
     */
    static RedisSharedBreakers start(
            BreakerRegistry registry,
            CircuitBreakerProperties properties,
            RedisConnectionFactory connectionFactory,
            String keyPrefix) {
        RedisSharedBreakers breakers = new RedisSharedBreakers(properties, connectionFactory, keyPrefix);
        registry.onCreation(breakers::shareIfConfigured);
        return breakers;
    }

    /** Shares nothing: no breaker is configured to. */
    static RedisSharedBreakers none() {
        return new RedisSharedBreakers(new CircuitBreakerProperties(), null, "");
    }

    private void shareIfConfigured(Breaker breaker) {
        if (!closed.get() && properties.sharedStateProperty(breaker.name()).isPresent()) {
            shared.add(RedisSharedBreakerState.share(breaker, connectionFactory, keyPrefix));
        }
    }

    /** The number of breakers whose state is shared. */
    int size() {
        return shared.size();
    }

    /** Sharing starts with {@link #start(BreakerRegistry, CircuitBreakerProperties, RedisConnectionFactory, String)}. */
    @Override
    public void start() {}

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return !closed.get();
    }

    /** Stops sharing every breaker; they carry on with local state. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RedisSharedBreakerState state;
            while ((state = shared.poll()) != null) {
                state.close();
            }
        }
    }
}
