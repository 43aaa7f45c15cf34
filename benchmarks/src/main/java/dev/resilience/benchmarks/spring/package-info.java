/** The cost of an annotated Spring bean call, against a no-op aspect and Resilience4j's aspects. */
package dev.resilience.benchmarks.spring;
