package dev.resilience.benchmarks.spring;

import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import org.springframework.stereotype.Service;

/**
 * The same method as {@link PlainService}, guarded by this project's annotations; the limit and
 * the breaker are configured in {@link AnnotatedOursCallBenchmark}.
 */
@Service
public class OursService {

    /** Pretends to complete a prompt: returns the tokens it was given, plus one. */
    @RateLimited(name = "completions")
    @CircuitBreaker(name = "model")
    public int complete(int tokens) {
        return tokens + 1;
    }
}
