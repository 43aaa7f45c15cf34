package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerConfig;
import dev.resilience.core.circuitbreaker.BreakerEvent;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Breakers;
import dev.resilience.core.circuitbreaker.FailureDetection;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Two instances of one breaker, each with its own connection, sharing transitions via Redis. */
class RedisSharedBreakerStateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static LocalRedis redis;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String name;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void nameTheBreaker() {
        name = "model-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void whenOneInstanceOpensTheOtherFollowsWithoutEcho() {
        Breaker first = breaker();
        Breaker second = breaker();

        fail(first);
        fail(first);

        assertThat(first.state()).isEqualTo(BreakerState.OPEN);
        await().atMost(WAIT).until(() -> second.state() == BreakerState.OPEN);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> first.state() == BreakerState.OPEN);
        assertThat(transitions(first)).containsExactly("CLOSED->OPEN");
        assertThat(transitions(second)).containsExactly("CLOSED->OPEN");
    }

    @Test
    void aForcedStateAndTheResetApplyToTheWholeFleet() {
        Breaker first = breaker();
        Breaker second = breaker();

        second.transitionTo(BreakerState.FORCED_OPEN);
        await().atMost(WAIT).until(() -> first.state() == BreakerState.FORCED_OPEN);
        first.transitionTo(BreakerState.CLOSED);

        await().atMost(WAIT).until(() -> second.state() == BreakerState.CLOSED);
    }

    @Test
    void anInstanceStartedLaterTakesTheForcedStateLeftInRedis() {
        Breaker first = breaker();
        first.transitionTo(BreakerState.FORCED_OPEN);
        await().atMost(WAIT).until(() -> breakerStateKeyExists());

        Breaker late = breaker();

        assertThat(late.state()).isEqualTo(BreakerState.FORCED_OPEN);
    }

    @Test
    void eachInstanceCountsOnlyItsOwnCalls() {
        Breaker first = breaker();
        Breaker second = breaker();

        fail(first);
        fail(second);

        assertThat(first.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(second.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void withoutRedisTheBreakerCarriesOnLocally() throws Exception {
        LocalRedis gone = LocalRedis.start();
        LettuceConnectionFactory factory = gone.connectionFactory(Duration.ofSeconds(1));
        resources.add(factory::destroy);
        gone.stop();
        Breaker alone = Breakers.create(name, config(), ManualTimeSource.create());
        resources.add(RedisSharedBreakerState.share(alone, factory, "resilience:"));

        fail(alone);
        fail(alone);

        assertThat(alone.state()).isEqualTo(BreakerState.OPEN);
    }

    private boolean breakerStateKeyExists() {
        LettuceConnectionFactory factory = connectionFactory();
        try (var connection = factory.getConnection()) {
            return connection.keyCommands().exists(("resilience:{breaker:" + name + "}:state").getBytes());
        }
    }

    private Breaker breaker() {
        Breaker breaker = Breakers.create(name, config(), ManualTimeSource.create());
        resources.add(RedisSharedBreakerState.share(breaker, connectionFactory(), "resilience:"));
        return breaker;
    }

    private LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = redis.connectionFactory(Duration.ofSeconds(5));
        resources.add(factory::destroy);
        return factory;
    }

    private static BreakerConfig config() {
        return BreakerConfig.builder()
                .failureDetection(FailureDetection.CONSECUTIVE)
                .failureThreshold(2)
                .build();
    }

    private static void fail(Breaker breaker) {
        Permission permission = breaker.tryAcquirePermission();
        breaker.onFailure(permission, breaker.startTime(), new IOException("model server down"));
    }

    private static List<String> transitions(Breaker breaker) {
        return breaker.recentEvents().stream()
                .filter(e -> e.type() == BreakerEvent.Type.STATE_TRANSITION)
                .map(e -> e.from() + "->" + e.to())
                .toList();
    }
}
