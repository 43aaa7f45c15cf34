package dev.resilience.spring.web;

import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.RateLimitExceededException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring MVC handling of rejected calls: {@code 429} for a rate limit, {@code 503} for an open
 * breaker without fallback.
 *
 * <p>It runs last among controller advice, so an application's own {@code @ControllerAdvice}
 * handling these exceptions wins; {@code resilience.web.enabled=false} removes it.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ResilienceExceptionHandler {

    private final RejectionProblems problems;

    /** Creates the handler. */
    public ResilienceExceptionHandler(RejectionProblems problems) {
        this.problems = problems;
    }

    /** Answers {@code 429 Too Many Requests} with {@code Retry-After}. */
    @ExceptionHandler(RateLimitExceededException.class)
    public ResponseEntity<ProblemDetail> rateLimitExceeded(RateLimitExceededException ex) {
        return problems.tooManyRequests(ex);
    }

    /** Answers {@code 503 Service Unavailable} with {@code Retry-After}. */
    @ExceptionHandler(CallNotPermittedException.class)
    public ResponseEntity<ProblemDetail> callNotPermitted(CallNotPermittedException ex) {
        return problems.serviceUnavailable(ex);
    }
}
