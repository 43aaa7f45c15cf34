package dev.resilience.spring.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilience.core.time.ManualTimeSource;
import dev.resilience.spring.annotation.RateLimited;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * Key expressions run in a restricted context: whatever a caller puts in the arguments, an
 * expression cannot reference types, call methods, construct objects, look up beans or assign.
 * Every attempt below is refused when the call is made, before the guarded method runs, and the
 * side effect it aimed at never happens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SpelKeyRestrictionTest {

    /** Counts every time code an expression should never reach was run. */
    static final AtomicInteger REACHED = new AtomicInteger();

    /** Counts the calls that reached a guarded method. */
    static final AtomicInteger CALLED = new AtomicInteger();

    @Autowired
    Keys keys;

    @BeforeEach
    void reset() {
        REACHED.set(0);
        CALLED.set(0);
    }

    @Test
    void plainPropertyReadsWork() {
        assertThat(keys.byProperty(new Caller("acme"))).isEqualTo("acme");
        assertThat(CALLED).hasValue(1);
    }

    @Test
    void typeReferencesAreRefused() {
        assertRefused(() -> keys.typeReference(new Caller("acme")));
    }

    @Test
    void runtimeExecIsRefused() {
        assertRefused(() -> keys.runtimeExec(new Caller("acme")));
    }

    @Test
    void methodCallsOnArgumentsAreRefused() {
        assertRefused(() -> keys.methodOnArgument(new Caller("acme")));
    }

    @Test
    void methodCallsOnStringArgumentsAreRefused() {
        assertRefused(() -> keys.methodOnString("acme"));
    }

    @Test
    void reflectionThroughTheClassPropertyIsRefused() {
        assertRefused(() -> keys.classProperty(new Caller("acme")));
    }

    @Test
    void constructorsAreRefused() {
        assertRefused(() -> keys.constructor(new Caller("acme")));
    }

    @Test
    void beanReferencesAreRefused() {
        assertRefused(() -> keys.beanReference(new Caller("acme")));
    }

    @Test
    void assignmentsAreRefused() {
        Caller caller = new Caller("acme");

        assertRefused(() -> keys.assignment(caller));
        assertThat(caller.getTenant()).isEqualTo("acme");
    }

    private void assertRefused(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot evaluate");
        assertThat(REACHED).as("code reached by the expression").hasValue(0);
        assertThat(CALLED).as("guarded method calls").hasValue(0);
    }

    /** An argument whose getter is readable and whose other methods must stay out of reach. */
    public static class Caller {

        private String tenant;

        Caller(String tenant) {
            this.tenant = tenant;
        }

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            REACHED.incrementAndGet();
            this.tenant = tenant;
        }

        public String sideEffect() {
            REACHED.incrementAndGet();
            return "reached";
        }
    }

    /** A bean an expression might try to look up. */
    public static class Target {

        public String sideEffect() {
            REACHED.incrementAndGet();
            return "reached";
        }
    }

    /** Code a type reference might try to call. */
    public static final class Statics {

        private Statics() {}

        public static String sideEffect() {
            REACHED.incrementAndGet();
            return "reached";
        }
    }

    /** Guarded methods whose keys attempt what the restricted context must refuse. */
    public static class Keys {

        @RateLimited(name = "by-property", key = "#p0.tenant", capacity = 1000)
        public String byProperty(Caller caller) {
            CALLED.incrementAndGet();
            return caller.getTenant();
        }

        @RateLimited(
                name = "type",
                key = "T(dev.resilience.spring.hardening.SpelKeyRestrictionTest$Statics).sideEffect()",
                capacity = 1000)
        public String typeReference(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "exec", key = "T(java.lang.Runtime).getRuntime().exec('true')", capacity = 1000)
        public String runtimeExec(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "method", key = "#p0.sideEffect()", capacity = 1000)
        public String methodOnArgument(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "string-method", key = "#p0.toUpperCase()", capacity = 1000)
        public String methodOnString(String tenant) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "class", key = "#p0.class.classLoader", capacity = 1000)
        public String classProperty(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(
                name = "constructor",
                key = "new dev.resilience.spring.hardening.SpelKeyRestrictionTest$Target().sideEffect()",
                capacity = 1000)
        public String constructor(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "bean", key = "@target.sideEffect()", capacity = 1000)
        public String beanReference(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }

        @RateLimited(name = "assignment", key = "#p0.tenant = 'mallory'", capacity = 1000)
        public String assignment(Caller caller) {
            CALLED.incrementAndGet();
            return "called";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ManualTimeSource timeSource() {
            return ManualTimeSource.create();
        }

        @Bean
        Keys keys() {
            return new Keys();
        }

        @Bean
        Target target() {
            return new Target();
        }
    }
}
