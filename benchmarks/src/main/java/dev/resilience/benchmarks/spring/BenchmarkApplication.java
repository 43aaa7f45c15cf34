package dev.resilience.benchmarks.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application the annotated beans live in: auto-configuration and this package. */
@SpringBootApplication
public class BenchmarkApplication {}
