package dev.resilience.spring.web;

import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the responses for rejected calls, shared by Spring MVC and WebFlux: RFC 9457 problem
 * details with {@code 429} or {@code 503}, {@code Retry-After} and, when enabled, the IETF
 * RateLimit header fields.
 */
public final class RejectionProblems {

    private final RateLimiterRegistry limiters;

    private final boolean rateLimitHeaders;

    /**
     * Creates the builder.
     *
     * @param limiters the limiters, to state their policies; may be {@code null}
     * @param rateLimitHeaders whether to add the {@code RateLimit} and {@code RateLimit-Policy}
     *     fields
     */
    public RejectionProblems(RateLimiterRegistry limiters, boolean rateLimitHeaders) {
        this.limiters = limiters;
        this.rateLimitHeaders = rateLimitHeaders;
    }

    /** {@code 429 Too Many Requests} for a rate limit rejection. */
    public ResponseEntity<ProblemDetail> tooManyRequests(RateLimitExceededException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
        problem.setTitle("Too Many Requests");
        problem.setProperty("limiter", ex.getLimiterName());
        HttpHeaders headers = new HttpHeaders();
        if (ex.getRetryAfter() != null) {
            long seconds = RateLimitHeaders.retryAfterSeconds(ex.getRetryAfter());
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problem.setProperty("retryAfterSeconds", seconds);
        }
        if (rateLimitHeaders) {
            headers.set(RateLimitHeaders.RATE_LIMIT, RateLimitHeaders.rateLimit(ex.getLimiterName(), ex.getDecision()));
            RateLimitConfig config = ex.getConfig();
            if (config == null && limiters != null && limiters.contains(ex.getLimiterName())) {
                config = limiters.get(ex.getLimiterName()).config();
            }
            if (config != null) {
                headers.set(RateLimitHeaders.RATE_LIMIT_POLICY, RateLimitHeaders.policy(ex.getLimiterName(), config));
            }
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .headers(headers)
                .body(problem);
    }

    /** {@code 503 Service Unavailable} for a call an open breaker did not permit. */
    public ResponseEntity<ProblemDetail> serviceUnavailable(CallNotPermittedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Service Unavailable");
        problem.setProperty("circuitBreaker", ex.getBreakerName());
        long seconds = RateLimitHeaders.retryAfterSeconds(ex.getRetryAfter());
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem);
    }
}
