package dev.resilience.benchmarks.spring;

import org.springframework.stereotype.Service;

/** The same method as {@link PlainService}, advised by {@link NoOpAspect} through a proxy. */
@Service
public class NoOpAdvisedService {

    /** Pretends to complete a prompt: returns the tokens it was given, plus one. */
    @NoOpAdvised
    public int complete(int tokens) {
        return tokens + 1;
    }
}
