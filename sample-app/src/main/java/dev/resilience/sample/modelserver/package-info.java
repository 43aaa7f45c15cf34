/** A simulated model server: OpenAI-style completions over real HTTP, with a chaos switch. */
package dev.resilience.sample.modelserver;
