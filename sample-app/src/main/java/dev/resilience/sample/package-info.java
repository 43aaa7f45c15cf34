/** The AI gateway sample: an OpenAI-style API, a simulated model server and a trace replay. */
package dev.resilience.sample;
