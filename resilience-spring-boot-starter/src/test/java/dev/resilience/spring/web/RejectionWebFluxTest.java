package dev.resilience.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.core.circuitbreaker.BreakerState;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * WebFlux maps rejections like Spring MVC; an application's own advice wins, and the RateLimit
 * fields can be switched off.
 */
@SpringBootTest(
        properties = {
            "spring.main.web-application-type=reactive",
            "resilience.web.rate-limit-headers=false",
            "resilience.ratelimiter.instances.reactive.capacity=1",
            "resilience.ratelimiter.instances.reactive.period=1h",
            "resilience.ratelimiter.instances.permitted.capacity=5",
            "resilience.ratelimiter.instances.permitted.period=1m",
            "resilience.web.headers-on-permitted=true"
        })
class RejectionWebFluxTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    BreakerRegistry breakers;

    WebTestClient client;

    @BeforeEach
    void bindClient() {
        client = WebTestClient.bindToApplicationContext(context).build();
    }

    @Test
    void rejectedMonoBecomes429WithRetryAfterAndNoRateLimitFieldsWhenSwitchedOff() {
        client.get().uri("/reactive").exchange().expectStatus().isOk();

        client.get()
                .uri("/reactive")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals("Retry-After", "3600")
                .expectHeader()
                .doesNotExist("RateLimit")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.limiter")
                .isEqualTo("reactive");
    }

    @Test
    void permittedMonoResponsesCarryTheRateLimitFieldsWhenAskedFor() {
        client.get()
                .uri("/permitted")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value("RateLimit", value -> assertThat(value).startsWith("\"permitted\";r=4;t="))
                .expectHeader()
                .valueEquals("RateLimit-Policy", "\"permitted\";q=5;w=60");
    }

    @Test
    void applicationAdviceReplacesTheStarterMapping() {
        breakers.get("overridden").transitionTo(BreakerState.OPEN);

        client.get()
                .uri("/overridden")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.I_AM_A_TEAPOT)
                .expectBody(String.class)
                .isEqualTo("overridden is resting");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Controller controller() {
            return new Controller();
        }

        @Bean
        OwnAdvice ownAdvice() {
            return new OwnAdvice();
        }
    }

    @RestController
    static class Controller {

        @GetMapping("/reactive")
        @RateLimited(name = "reactive")
        public Mono<String> reactive() {
            return Mono.just("ok");
        }

        @GetMapping("/permitted")
        @RateLimited(name = "permitted")
        public Mono<String> permitted() {
            return Mono.just("ok");
        }

        @GetMapping("/overridden")
        @CircuitBreaker(name = "overridden")
        public Mono<String> overridden() {
            return Mono.just("ok");
        }
    }

    @RestControllerAdvice
    static class OwnAdvice {

        @ExceptionHandler(CallNotPermittedException.class)
        ResponseEntity<String> resting(CallNotPermittedException ex) {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).body(ex.getBreakerName() + " is resting");
        }
    }
}
