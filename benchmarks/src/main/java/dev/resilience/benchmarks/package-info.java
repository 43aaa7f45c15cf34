/** JMH benchmarks of this project against Resilience4j, Bucket4j and a plain-call floor. */
package dev.resilience.benchmarks;
