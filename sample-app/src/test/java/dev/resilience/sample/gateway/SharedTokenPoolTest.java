package dev.resilience.sample.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The shared token pool keeps its reserve for premium tenants: with 180,000 tokens, nearly no
 * refill and a free reserve of 120,000, free tenants together get 60,000 tokens and then 429,
 * while a premium tenant still draws on the reserve.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience.ratelimiter.instances.shared-tokens.rate=1",
            "resilience.ratelimiter.instances.shared-tokens.capacity=180000",
            "gateway.pool-reserves.free=120000"
        })
class SharedTokenPoolTest {

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void connect() {
        gateway = new GatewayClient(port);
    }

    @Test
    void freeTenantsStopAtTheReserveWhilePremiumTenantsGoOn() {
        for (int i = 1; i <= 3; i++) {
            assertThat(gateway.chat("pool-free-" + i, spending(16_000)).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }

        ResponseEntity<String> fourthFree = gateway.chat("pool-free-4", spending(16_000));
        ResponseEntity<String> premium = gateway.chat("premium-1", spending(16_000));

        assertThat(fourthFree.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(fourthFree.getHeaders().getFirst("RateLimit")).startsWith("\"shared-tokens\"");
        assertThat(premium.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static String spending(int tokens) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"Spend\"}],\"max_tokens\":" + tokens
                + ",\"simulate\":{\"completion_tokens\":" + tokens + "}}";
    }
}
