package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** Case P1: where annotations are honoured, and where they are not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AnnotationPlacementTest {

    @Autowired
    Api api;

    @Autowired
    TypeLevel typeLevel;

    @Autowired
    SelfCalling selfCalling;

    @Autowired
    TypeGuarded typeGuarded;

    @Test
    void annotationOnAnInterfaceMethodIsHonoured() {
        api.viaInterface();

        assertThatThrownBy(api::viaInterface).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void annotationOnTheImplementingMethodIsHonoured() {
        api.viaClass();

        assertThatThrownBy(api::viaClass).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void annotationOnTheTypeAppliesToEveryPublicMethod() {
        typeLevel.first();

        assertThatThrownBy(typeLevel::second)
                .isInstanceOfSatisfying(
                        RateLimitExceededException.class,
                        ex -> assertThat(ex.getLimiterName()).isEqualTo("type"));
    }

    @Test
    void typeLevelBreakerDoesNotGuardItsOwnPublicFallback() {
        assertThat(typeGuarded.work()).isEqualTo("fallback");
        assertThat(typeGuarded.fallback(new IllegalStateException())).isEqualTo("fallback");
    }

    @Test
    void selfInvocationIsNotIntercepted() {
        // The proxy sees the outer call only: the two inner calls would exceed the limit of one.
        assertThat(selfCalling.outer()).isEqualTo("inner inner");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Api api() {
            return new ApiImpl();
        }

        @Bean
        TypeLevel typeLevel() {
            return new TypeLevel();
        }

        @Bean
        TypeGuarded typeGuarded() {
            return new TypeGuarded();
        }

        @Bean
        SelfCalling selfCalling() {
            return new SelfCalling();
        }
    }

    interface Api {

        @RateLimited(name = "interface", capacity = 1, period = "1h")
        String viaInterface();

        String viaClass();
    }

    static class ApiImpl implements Api {

        @Override
        public String viaInterface() {
            return "interface";
        }

        @Override
        @RateLimited(name = "class", capacity = 1, period = "1h")
        public String viaClass() {
            return "class";
        }
    }

    @RateLimited(name = "type", capacity = 1, period = "1h")
    static class TypeLevel {

        public String first() {
            return "first";
        }

        public String second() {
            return "second";
        }
    }

    @CircuitBreaker(name = "type-guarded", fallbackMethod = "fallback")
    static class TypeGuarded {

        public String work() {
            throw new IllegalStateException("down");
        }

        public String fallback(Throwable ex) {
            return "fallback";
        }
    }

    static class SelfCalling {

        @RateLimited(name = "self", capacity = 1, period = "1h")
        public String outer() {
            return inner() + " " + inner();
        }

        @RateLimited(name = "self", capacity = 1, period = "1h")
        public String inner() {
            return "inner";
        }
    }
}
