package dev.resilience.sample.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway, under {@code gateway}.
 *
 * @param modelServer where the model server is and how to reach it
 * @param largeModel the model asked for when a request names none
 * @param smallModel the model that serves when the large one cannot
 * @param maxTokensLimit the largest {@code max_tokens} a request may ask for
 * @param defaultMaxTokens the {@code max_tokens} of a request that gives none
 * @param maxPromptTokens the largest prompt, in tokens, a request may send
 * @param tenants the tier of each known tenant, by tenant name ({@code free} or {@code premium})
 * @param defaultTier the tier of tenants not listed in {@code tenants}
 * @param poolReserves the tokens of the shared pool ({@code shared-tokens}) each tier must leave
 *     untouched, by tier; tiers not listed may drain the pool
 * @param cacheSize how many answers are kept for repeated prompts
 * @param unavailableRetryAfter the {@code Retry-After} sent with a 503 when no model can answer
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue ModelServer modelServer,
        @DefaultValue("large") String largeModel,
        @DefaultValue("small") String smallModel,
        @DefaultValue("16384") int maxTokensLimit,
        @DefaultValue("256") int defaultMaxTokens,
        @DefaultValue("32768") int maxPromptTokens,
        @DefaultValue Map<String, String> tenants,
        @DefaultValue("free") String defaultTier,
        @DefaultValue Map<String, Long> poolReserves,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("5s") Duration unavailableRetryAfter) {

    /** The tier of a tenant: its entry in {@code gateway.tenants}, else the default tier. */
    public String tierOf(String tenant) {
        return tenants.getOrDefault(tenant, defaultTier);
    }

    /**
     * How the gateway reaches the model server.
     *
     * @param embedded whether the gateway starts a simulated model server on a free loopback
     *     port itself; when {@code false} it calls {@code url}
     * @param url the base URL of a separately running model server
     * @param threads requests the embedded server serves at the same time
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer
     * @param models latency of each embedded model, in microseconds per token
     */
    public record ModelServer(
            @DefaultValue("true") boolean embedded,
            @DefaultValue("http://127.0.0.1:9090") URI url,
            @DefaultValue("64") int threads,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue Map<String, ModelTimings> models) {}

    /**
     * The latency of an embedded model.
     *
     * @param promptMicrosPerToken microseconds spent per prompt token
     * @param completionMicrosPerToken microseconds spent per generated token
     */
    public record ModelTimings(long promptMicrosPerToken, long completionMicrosPerToken) {}
}
