package dev.resilience.spring.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.resilience.spring.autoconfigure.RateLimiterAutoConfiguration;
import dev.resilience.spring.redis.RedisRateLimiterStoreAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Every setting given an invalid value stops startup, and the failure is one that Spring Boot's
 * failure analysis turns into a report naming the property path: never a stack trace alone.
 *
 * <p>Each case configures one named limit ({@code chat}) or breaker ({@code model}), so that it is
 * created, and resolved, at startup.
 */
class BadConfigurationMatrixTest {

    private static final String LIMIT = "resilience.ratelimiter.instances.chat.";

    private static final String BREAKER = "resilience.circuitbreaker.instances.model.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class));

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                // Rate limits.
                invalid(LIMIT + "capacity", "-1", LIMIT + "rate=10"),
                invalid(LIMIT + "capacity", "0", LIMIT + "rate=10"),
                invalid(LIMIT + "rate", "-5", LIMIT + "capacity=10"),
                invalid(LIMIT + "rate", "0", LIMIT + "capacity=10"),
                invalid(LIMIT + "period", "0s", LIMIT + "capacity=10"),
                invalid(LIMIT + "period", "-1s", LIMIT + "capacity=10"),
                invalid(LIMIT + "period", "often", LIMIT + "capacity=10"),
                invalid(LIMIT + "max-wait", "-1s", LIMIT + "capacity=10"),
                invalid(LIMIT + "algorithm", "quantum-bucket", LIMIT + "capacity=10"),
                invalid(LIMIT + "capacity", "lots", LIMIT + "rate=10"),
                invalid(LIMIT + "base-config", "missing", LIMIT + "capacity=10"),
                invalid("resilience.ratelimiter.defaults.capacity", "-1", LIMIT + "rate=10"),
                invalid(
                        "resilience.ratelimiter.configs.shared.capacity",
                        "0",
                        LIMIT + "base-config=shared",
                        LIMIT + "rate=10"),
                invalid("resilience.ratelimiter.store", "disk"),
                invalid("resilience.ratelimiter.max-keys", "0", LIMIT + "capacity=10"),
                invalid("resilience.ratelimiter.max-keys", "-1", LIMIT + "capacity=10"),
                // Circuit breakers.
                invalid(BREAKER + "failure-detection", "sometimes"),
                invalid(BREAKER + "failure-threshold", "0", BREAKER + "failure-detection=consecutive"),
                invalid(BREAKER + "failure-threshold", "-3", BREAKER + "failure-detection=consecutive"),
                invalid(BREAKER + "sliding-window-size", "0"),
                invalid(BREAKER + "sliding-window-size", "-10"),
                invalid(BREAKER + "minimum-number-of-calls", "0"),
                invalid(BREAKER + "minimum-number-of-calls", "50", BREAKER + "sliding-window-size=10"),
                invalid(BREAKER + "failure-rate-threshold", "0"),
                invalid(BREAKER + "failure-rate-threshold", "-1"),
                invalid(BREAKER + "failure-rate-threshold", "101"),
                invalid(BREAKER + "failure-rate-threshold", "half"),
                invalid(BREAKER + "slow-call-rate-threshold", "150"),
                invalid(BREAKER + "slow-call-duration-threshold", "-1s"),
                invalid(BREAKER + "wait-duration", "-1s"),
                invalid(BREAKER + "wait-duration", "a while"),
                invalid(BREAKER + "wait-duration-multiplier", "0.5"),
                invalid(BREAKER + "wait-duration-multiplier", "1000"),
                invalid(BREAKER + "max-wait-duration", "1s", BREAKER + "wait-duration=10s"),
                invalid(BREAKER + "permitted-calls-in-half-open-state", "0"),
                invalid(BREAKER + "max-wait-duration-in-half-open-state", "-1s"),
                invalid(BREAKER + "event-buffer-size", "-1"),
                invalid(BREAKER + "record-exceptions", "com.example.NoSuchException"),
                invalid(BREAKER + "record-exceptions", "java.lang.String"),
                invalid(BREAKER + "ignore-exceptions", "java.lang.Object"),
                invalid(BREAKER + "base-config", "missing"),
                invalid(BREAKER + "failure-treshold", "5"),
                invalid("resilience.circuitbreaker.defaults.sliding-window-size", "0", BREAKER + "event-buffer-size=5"),
                invalid("resilience.circuitbreaker.order", "first"));
    }

    static Stream<Arguments> invalidRedisSettings() {
        String redis = "resilience.ratelimiter.redis.";
        return Stream.of(
                invalid(redis + "command-timeout", "0ms"),
                invalid(redis + "command-timeout", "2m"),
                invalid(redis + "retry-interval", "0ms"),
                invalid(redis + "failure-threshold", "0"),
                invalid(redis + "failure-threshold", "5000"),
                invalid(redis + "local-max-keys", "0"),
                invalid(redis + "key-prefix", "app{1}:"),
                invalid(redis + "failure-policy", "maybe"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidRedisSettings")
    void invalidRedisValueStopsStartupWithAnAnalysisNamingTheProperty(String property, String value, String[] others) {
        ApplicationContextRunner redisRunner = runner.withConfiguration(
                        AutoConfigurations.of(RedisRateLimiterStoreAutoConfiguration.class))
                .withBean(RedisConnectionFactory.class, () -> Mockito.mock(RedisConnectionFactory.class))
                .withPropertyValues("resilience.ratelimiter.store=redis");

        assertStartupFailsNaming(redisRunner, property, value, others);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidSettings")
    void invalidValueStopsStartupWithAnAnalysisNamingTheProperty(String property, String value, String[] others) {
        assertStartupFailsNaming(runner, property, value, others);
    }

    private static void assertStartupFailsNaming(
            ApplicationContextRunner runner, String property, String value, String[] others) {
        List<String> properties = new ArrayList<>(List.of(others));
        properties.add(property + "=" + value);

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = analyze(failure);
            assertThat(analysis).as("a failure analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription() + "\n" + analysis.getAction())
                    .as("the analysis of %s", failure)
                    .contains(property);
        });
    }

    private static Arguments invalid(String property, String value, String... others) {
        return Arguments.of(property, value, others);
    }

    /** Runs the failure analyzers Spring Boot would run when the application fails to start. */
    private static FailureAnalysis analyze(Throwable failure) {
        ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
                .and(Environment.class, new StandardEnvironment());
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(
                        BadConfigurationMatrixTest.class.getClassLoader())
                .load(
                        FailureAnalyzer.class,
                        arguments,
                        FailureHandler.logging(LogFactory.getLog(BadConfigurationMatrixTest.class)));
        return analyzers.stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
