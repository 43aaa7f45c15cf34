/** The OpenAI-style wire format shared by the gateway, the model server and the replay. */
package dev.resilience.sample.api;
