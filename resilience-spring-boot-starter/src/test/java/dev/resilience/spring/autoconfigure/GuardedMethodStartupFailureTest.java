package dev.resilience.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Annotated methods that cannot work as declared stop the application with an explanation. */
class GuardedMethodStartupFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class));

    // Case F1.
    @Test
    void fallbackWithWrongParametersNamesClassMethodFallbackAndExpectedParameters() {
        runner.withBean(WrongSignature.class).run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());

            assertThat(analysis.getDescription())
                    .contains(WrongSignature.class.getName() + ".greet(String)")
                    .contains("'greetFallback'")
                    .contains("greetFallback(Integer, Throwable)");
            assertThat(analysis.getAction()).contains("greetFallback(String)", "greetFallback(String, Throwable)");
        });
    }

    @Test
    void missingFallbackMethodFailsStartup() {
        runner.withBean(MissingFallback.class)
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("no method named 'nowhere'"));
    }

    // Case F2: two fallbacks equally specific for one exception.
    @Test
    void equallySpecificFallbacksFailStartupAsAmbiguous() {
        runner.withBean(Ambiguous.class)
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("ambiguous")
                        .contains("count(String, IOException)", "count(Object, IOException)"));
    }

    // Case F5.
    @Test
    void listFallbackWithOtherElementTypeFailsStartup() {
        runner.withBean(WrongElementType.class)
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("java.util.List<java.lang.Integer>", "java.util.List<java.lang.String>"));
    }

    @Test
    void futureMethodWithPlainFallbackFailsStartup() {
        runner.withBean(PlainFallbackForFuture.class).run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());

            assertThat(analysis.getDescription()).contains("java.util.concurrent.CompletableFuture<java.lang.String>");
            assertThat(analysis.getAction()).contains("asynchronous fallback");
        });
    }

    @Test
    void expressionThatDoesNotParseNamesTheMethod() {
        runner.withBean(BadExpression.class)
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains(BadExpression.class.getName() + ".call(String)")
                        .contains("#name.("));
    }

    // Case C2.
    @Test
    void staticCostAboveCapacityFailsStartup() {
        runner.withBean(ImpossibleCost.class)
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("cost 20", "capacity of 10"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new GuardedMethodFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
        return analysis;
    }

    static class WrongSignature {

        @CircuitBreaker(name = "greet", fallbackMethod = "greetFallback")
        public String greet(String name) {
            return "hello " + name;
        }

        String greetFallback(Integer id, Throwable ex) {
            return "fallback";
        }
    }

    static class MissingFallback {

        @CircuitBreaker(name = "greet", fallbackMethod = "nowhere")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    static class Ambiguous {

        @CircuitBreaker(name = "count", fallbackMethod = "count")
        public int count(String s) {
            return 0;
        }

        int count(String s, IOException ex) {
            return 1;
        }

        int count(Object s, IOException ex) {
            return 2;
        }
    }

    static class WrongElementType {

        @CircuitBreaker(name = "names", fallbackMethod = "numbers")
        public List<String> names() {
            return List.of();
        }

        List<Integer> numbers() {
            return List.of();
        }
    }

    static class PlainFallbackForFuture {

        @CircuitBreaker(name = "future", fallbackMethod = "plain")
        public CompletableFuture<String> future() {
            return CompletableFuture.completedFuture("x");
        }

        String plain(Throwable ex) {
            return "plain";
        }
    }

    static class BadExpression {

        @RateLimited(name = "bad", key = "#name.(", capacity = 5)
        public String call(String name) {
            return name;
        }
    }

    static class ImpossibleCost {

        @RateLimited(name = "impossible", capacity = 10, cost = "20")
        public String call() {
            return "never";
        }
    }
}
