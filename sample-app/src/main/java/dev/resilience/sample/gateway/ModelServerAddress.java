package dev.resilience.sample.gateway;

import java.net.URI;

/**
 * Where the gateway finds the model server: the embedded one's loopback port, or the configured
 * {@code gateway.model-server.url}.
 *
 * @param baseUri the base URL, without a trailing path
 */
public record ModelServerAddress(URI baseUri) {}
