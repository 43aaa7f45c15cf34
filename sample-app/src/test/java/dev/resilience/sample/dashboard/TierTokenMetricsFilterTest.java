package dev.resilience.sample.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilience.sample.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The per-tier token counters the dashboard reads, fed by chat completion requests. */
class TierTokenMetricsFilterTest {

    private static final String ANSWER = """
            {"id":"c1","model":"large","usage":{"prompt_tokens":3,"completion_tokens":40,"total_tokens":43}}""";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final TierTokenMetricsFilter filter = new TierTokenMetricsFilter(
            new GatewayProperties(
                    null,
                    "large",
                    "small",
                    16384,
                    256,
                    32768,
                    Map.of("free-1", "free", "premium-1", "premium"),
                    "free",
                    Map.of(),
                    10,
                    Duration.ofSeconds(5)),
            meters,
            JsonMapper.builder().build());

    @Test
    void everyConfiguredTierReadsZeroBeforeTheFirstRequest() {
        assertThat(tokens("free", "admitted")).isZero();
        assertThat(tokens("free", "rejected")).isZero();
        assertThat(tokens("premium", "admitted")).isZero();
        assertThat(tokens("premium", "rejected")).isZero();
    }

    @Test
    void answeredRequestAddsItsRealUsageToTheTenantsTier() throws Exception {
        MockHttpServletResponse response = send("premium-1", "{\"messages\":[]}", (request, answer) -> {
            answer.setContentType("application/json");
            answer.getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
        });

        assertThat(tokens("premium", "admitted")).isEqualTo(43);
        assertThat(tokens("premium", "rejected")).isZero();
        assertThat(response.getContentAsString()).isEqualTo(ANSWER);
    }

    @Test
    void refusedRequestAddsItsEstimateEvenWhenTheHandlerNeverReadTheBody() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"12345678\"}],\"max_tokens\":100}";

        send("unknown-tenant", body, (request, answer) -> ((HttpServletResponse) answer).setStatus(429));

        assertThat(tokens("free", "rejected")).isEqualTo(2 + 100);
        assertThat(tokens("free", "admitted")).isZero();
    }

    @Test
    void refusedRequestWithoutMaxTokensIsEstimatedWithTheDefault() throws Exception {
        send("free-1", "{\"messages\":[{\"role\":\"user\",\"content\":\"1234\"}]}", (request, answer) -> {
            request.getInputStream().readAllBytes();
            ((HttpServletResponse) answer).setStatus(429);
        });

        assertThat(tokens("free", "rejected")).isEqualTo(1 + 256);
    }

    @Test
    void invalidRequestIsNotCounted() throws Exception {
        send("free-1", "not json", (request, answer) -> ((HttpServletResponse) answer).setStatus(400));

        assertThat(tokens("free", "admitted")).isZero();
        assertThat(tokens("free", "rejected")).isZero();
    }

    private MockHttpServletResponse send(String tenant, String body, FilterChain handler) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", TierTokenMetricsFilter.CHAT_PATH);
        request.setServletPath(TierTokenMetricsFilter.CHAT_PATH);
        request.addHeader("X-Tenant", tenant);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, handler);
        return response;
    }

    private double tokens(String tier, String outcome) {
        return meters.get("gateway.tokens")
                .tag("tier", tier)
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
