package dev.resilience.benchmarks.spring;

import org.springframework.stereotype.Service;

/** The guarded method's body with no advice at all, called through no proxy. */
@Service
public class PlainService {

    /** Pretends to complete a prompt: returns the tokens it was given, plus one. */
    public int complete(int tokens) {
        return tokens + 1;
    }
}
