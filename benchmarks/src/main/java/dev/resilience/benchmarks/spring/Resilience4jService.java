package dev.resilience.benchmarks.spring;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import org.springframework.stereotype.Service;

/**
 * The same method as {@link PlainService}, guarded by Resilience4j's annotations; the instances
 * are configured in {@link AnnotatedCallBenchmark}.
 */
@Service
public class Resilience4jService {

    /** Pretends to complete a prompt: returns the tokens it was given, plus one. */
    @RateLimiter(name = "completions")
    @CircuitBreaker(name = "model")
    public int complete(int tokens) {
        return tokens + 1;
    }
}
