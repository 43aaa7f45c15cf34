package dev.resilience.sample.dashboard;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.gateway.ChatController;
import dev.resilience.sample.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meters the tokens of chat completions per tier, as the counter {@code gateway.tokens} with the
 * tags {@code tier} and {@code outcome}, read by the dashboard through {@code
 * /actuator/metrics/gateway.tokens}.
 *
 * <p>An answered request ({@code 2xx}) adds its real {@code usage.total_tokens} to {@code
 * admitted}; a request refused with {@code 429} adds its estimate (prompt tokens plus {@code
 * max_tokens}, or the default {@code gateway.default-max-tokens}) to {@code rejected}. Other
 * answers (invalid requests, {@code 503} when no model can answer) are not counted. The tier is
 * that of the {@code X-Tenant} header. Counters exist from startup for every configured tier, so
 * that they read zero before the first request.
 */
final class TierTokenMetricsFilter extends OncePerRequestFilter {

    /** The path whose requests are metered. */
    static final String CHAT_PATH = "/v1/chat/completions";

    private static final String METER = "gateway.tokens";

    private final GatewayProperties properties;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TierTokenMetricsFilter(GatewayProperties properties, MeterRegistry meters, JsonMapper json) {
        this.properties = properties;
        this.meters = meters;
        this.json = json;
        TreeSet<String> tiers = new TreeSet<>(properties.tenants().values());
        tiers.add(properties.defaultTier());
        tiers.forEach(tier -> {
            counter(tier, "admitted");
            counter(tier, "rejected");
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !CHAT_PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CachedBodyRequest cachedRequest =
                new CachedBodyRequest(request, request.getInputStream().readAllBytes());
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, cachedResponse);
            record(cachedRequest, cachedResponse);
        } finally {
            cachedResponse.copyBodyToResponse();
        }
    }

    private void record(CachedBodyRequest request, ContentCachingResponseWrapper response) {
        String tenant = request.getHeader(ChatController.TENANT_HEADER);
        if (tenant == null || tenant.isBlank()) {
            return;
        }
        String tier = properties.tierOf(tenant.trim());
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        try {
            if (status != null && status.is2xxSuccessful()) {
                JsonNode usage = json.readTree(response.getContentAsByteArray()).path("usage");
                counter(tier, "admitted").increment(usage.path("total_tokens").asLong(0));
            } else if (status == HttpStatus.TOO_MANY_REQUESTS) {
                counter(tier, "rejected").increment(estimate(request.body()));
            }
        } catch (JacksonException e) {
            // Unreadable bodies were answered with 400 by the gateway; nothing to meter.
        }
    }

    private long estimate(byte[] body) {
        ChatCompletionRequest request = json.readValue(body, ChatCompletionRequest.class);
        if (request == null) {
            return 0;
        }
        int maxTokens = request.maxTokens() == null ? properties.defaultMaxTokens() : request.maxTokens();
        return (long) request.promptTokens() + maxTokens;
    }

    private Counter counter(String tier, String outcome) {
        return counters.computeIfAbsent(
                tier + '/' + outcome,
                key -> Counter.builder(METER)
                        .description(
                                "Tokens of chat completions per tier: admitted (real usage) or rejected (estimate)")
                        .baseUnit("tokens")
                        .tag("tier", tier)
                        .tag("outcome", outcome)
                        .register(meters));
    }
}
