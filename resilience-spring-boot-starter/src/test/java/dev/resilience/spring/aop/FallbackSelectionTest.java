package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.annotation.CircuitBreaker;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** Which fallback answers which failure, and where fallbacks may be declared. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FallbackSelectionTest {

    @Autowired
    Counter counter;

    @Autowired
    Greeter greeter;

    @Autowired
    BreakerRegistry breakers;

    @BeforeEach
    void closeBreakers() {
        breakers.all().forEach(breaker -> breaker.transitionTo(BreakerState.CLOSED));
    }

    // Case F2: the most specific exception parameter wins.
    @Test
    void ioFailureGoesToTheIoExceptionFallback() throws IOException {
        assertThat(counter.count("io")).isEqualTo(1);
    }

    @Test
    void otherFailureGoesToTheExceptionFallback() throws IOException {
        assertThat(counter.count("state")).isEqualTo(2);
    }

    @Test
    void openBreakerRejectionGoesToTheMostSpecificFallbackAcceptingIt() throws IOException {
        breakers.get("count").transitionTo(BreakerState.OPEN);

        assertThat(counter.count("anything")).isEqualTo(2);
    }

    @Test
    void errorsNoFallbackAcceptsPropagateUnchanged() {
        assertThatThrownBy(() -> counter.count("error")).isInstanceOf(AssertionError.class);
    }

    @Test
    void fallbackWithoutExceptionParameterAnswersWhenItIsTheOnlyOne() {
        breakers.get("plain").transitionTo(BreakerState.OPEN);

        assertThat(greeter.plain("ann")).isEqualTo("plain ann");
    }

    // Case F3: private, inherited and interface default fallbacks are found.
    @Test
    void privateFallbackInTheSameClassIsFound() {
        assertThat(greeter.privately("ann")).isEqualTo("private ann");
    }

    @Test
    void fallbackInheritedFromASuperclassIsFound() {
        assertThat(greeter.inherited("ann")).isEqualTo("inherited ann");
    }

    @Test
    void interfaceDefaultFallbackIsFound() {
        assertThat(greeter.defaulted("ann")).isEqualTo("default ann");
    }

    @Test
    void overriddenFallbackIsNotAmbiguousAndTheOverrideAnswers() {
        assertThat(greeter.overridden("ann")).isEqualTo("override ann");
    }

    // Case F4: a failing fallback's own exception reaches the caller; the failure counts once.
    @Test
    void fallbackExceptionPropagatesUnwrappedAndTheFailureCountsOnce() {
        assertThatThrownBy(() -> greeter.failingFallback("ann"))
                .isExactlyInstanceOf(UncheckedIOException.class)
                .hasMessage("fallback failed too");

        assertThat(breakers.get("failing").snapshot().failedCalls()).isEqualTo(1);
    }

    // Case F5: a fallback may return a subtype with the same generic arguments.
    @Test
    void listMethodAcceptsAnArrayListFallback() {
        assertThat(greeter.names()).containsExactly("fallback");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Counter counter() {
            return new Counter();
        }

        @Bean
        Greeter greeter() {
            return new Greeter();
        }
    }

    static class Counter {

        @CircuitBreaker(name = "count", fallbackMethod = "count")
        public int count(String s) throws IOException {
            switch (s) {
                case "io" -> throw new FileNotFoundException(s);
                case "state" -> throw new IllegalStateException(s);
                case "error" -> throw new AssertionError(s);
                default -> {
                    return 0;
                }
            }
        }

        int count(String s, IOException ex) {
            return 1;
        }

        int count(String s, Exception ex) {
            return 2;
        }
    }

    static class GreeterBase {

        String inheritedFallback(String name, Exception ex) {
            return "inherited " + name;
        }

        String overriddenFallback(String name) {
            return "base " + name;
        }
    }

    interface Defaults {

        default String defaultFallback(String name, RuntimeException ex) {
            return "default " + name;
        }
    }

    static class Greeter extends GreeterBase implements Defaults {

        @CircuitBreaker(name = "plain", fallbackMethod = "plainFallback")
        public String plain(String name) {
            return "hello " + name;
        }

        String plainFallback(String name) {
            return "plain " + name;
        }

        @CircuitBreaker(name = "private", fallbackMethod = "privateFallback")
        public String privately(String name) {
            throw new IllegalStateException("down");
        }

        private String privateFallback(String name, Throwable ex) {
            return "private " + name;
        }

        @CircuitBreaker(name = "inherited", fallbackMethod = "inheritedFallback")
        public String inherited(String name) {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(name = "defaulted", fallbackMethod = "defaultFallback")
        public String defaulted(String name) {
            throw new IllegalStateException("down");
        }

        @CircuitBreaker(name = "overridden", fallbackMethod = "overriddenFallback")
        public String overridden(String name) {
            throw new IllegalStateException("down");
        }

        @Override
        String overriddenFallback(String name) {
            return "override " + name;
        }

        @CircuitBreaker(name = "failing", fallbackMethod = "failingFallbackRecovery")
        public String failingFallback(String name) {
            throw new IllegalStateException("down");
        }

        String failingFallbackRecovery(String name, IllegalStateException ex) {
            throw new UncheckedIOException("fallback failed too", new IOException(ex));
        }

        @CircuitBreaker(name = "names", fallbackMethod = "moreNames")
        public List<String> names() {
            throw new IllegalStateException("down");
        }

        ArrayList<String> moreNames() {
            return new ArrayList<>(List.of("fallback"));
        }
    }
}
