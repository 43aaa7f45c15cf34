/** Trace replay: drives the gateway over HTTP with a recorded or synthetic LLM workload. */
package dev.resilience.sample.replay;
