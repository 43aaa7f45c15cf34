package dev.resilience.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.core.time.TimeSource;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.actuate.CircuitBreakersEndpoint;
import dev.resilience.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code resilience.circuitbreaker.*.shared}: breakers of two application contexts sharing one
 * real Redis server follow each other's transitions, with the in-memory rate limiter store.
 */
class RedisSharedBreakerAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static LocalRedis redis;

    private final String name = "model-" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class,
                    RedisSharedBreakerAutoConfiguration.class))
            .withPropertyValues(
                    "resilience.circuitbreaker.defaults.failure-detection=consecutive",
                    "resilience.circuitbreaker.defaults.failure-threshold=2");

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

    @Test
    void whenABreakerOpensInOneContextItOpensInTheOther() {
        ApplicationContextRunner app = onRedis().withPropertyValues(instance("shared=true"));

        app.run(first -> app.run(second -> {
            Breaker a = breaker(first);
            Breaker b = breaker(second);

            fail(a);
            fail(a);

            assertThat(a.state()).isEqualTo(BreakerState.OPEN);
            await().atMost(WAIT).until(() -> b.state() == BreakerState.OPEN);
        }));
    }

    @Test
    void aStateForcedThroughActuatorInOneContextAppliesInTheOther() {
        ApplicationContextRunner app = onRedis().withPropertyValues(instance("shared=true"));

        app.run(first -> app.run(second -> {
            CircuitBreakersEndpoint endpoint =
                    new CircuitBreakersEndpoint(first.getBean(BreakerRegistry.class), TimeSource.system());
            Breaker b = breaker(second);

            endpoint.transition(name, "forced-open", null);
            await().atMost(WAIT).until(() -> b.state() == BreakerState.FORCED_OPEN);

            endpoint.transition(name, "closed", null);
            await().atMost(WAIT).until(() -> b.state() == BreakerState.CLOSED);
        }));
    }

    @Test
    void sharingIsInheritedFromASharedConfigAndFromTheDefaults() {
        ApplicationContextRunner fromConfig = onRedis()
                .withPropertyValues(
                        "resilience.circuitbreaker.configs.fleet.shared=true", instance("base-config=fleet"));
        ApplicationContextRunner fromDefaults =
                onRedis().withPropertyValues("resilience.circuitbreaker.defaults.shared=true");

        fromConfig.run(first -> fromDefaults.run(second -> {
            // Not configured in the second context: created on first use, shared by the defaults.
            Breaker b = breaker(second);
            breaker(first).transitionTo(BreakerState.FORCED_OPEN);

            await().atMost(WAIT).until(() -> b.state() == BreakerState.FORCED_OPEN);
            assertThat(first.getBean(RedisSharedBreakers.class).size()).isEqualTo(1);
            assertThat(second.getBean(RedisSharedBreakers.class).size()).isEqualTo(1);
        }));
    }

    @Test
    void anInstanceMayOptOutOfSharedDefaults() {
        onRedis()
                .withPropertyValues("resilience.circuitbreaker.defaults.shared=true", instance("shared=false"))
                .run(context -> {
                    breaker(context);
                    assertThat(context.getBean(RedisSharedBreakers.class).size())
                            .isZero();
                });
    }

    @Test
    void withoutSharedBreakersNothingNeedsRedis() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            breaker(context);
            assertThat(context.getBean(RedisSharedBreakers.class).size()).isZero();
        });
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void sharingWithoutSpringDataRedisStopsStartupNamingTheProperty() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues(instance("shared=true"))
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("resilience.circuitbreaker.instances." + name + ".shared")
                        .hasMessageContaining("spring-boot-starter-data-redis"));
    }

    @Test
    void sharingWithoutAConnectionFactoryStopsStartupNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        CircuitBreakerAutoConfiguration.class, RedisSharedBreakerAutoConfiguration.class))
                .withPropertyValues("resilience.circuitbreaker.defaults.shared=true")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("resilience.circuitbreaker.defaults.shared")
                        .hasMessageContaining("RedisConnectionFactory"));
    }

    private ApplicationContextRunner onRedis() {
        return runner.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());
    }

    private String instance(String setting) {
        return "resilience.circuitbreaker.instances." + name + "." + setting;
    }

    private Breaker breaker(AssertableApplicationContext context) {
        return context.getBean(BreakerRegistry.class).get(name);
    }

    private static void fail(Breaker breaker) {
        Permission permission = breaker.tryAcquirePermission();
        breaker.onFailure(permission, breaker.startTime(), new IOException("model server down"));
    }
}
