package dev.resilience.sample.replay;

/**
 * A tenant the replay sends requests for.
 *
 * @param name the value of the {@code X-Tenant} header
 * @param tier its tier, {@code free} or {@code premium}, as mapped in the gateway's settings
 * @param weight its share of the traffic, relative to the other tenants
 */
public record Tenant(String name, String tier, double weight) {}
