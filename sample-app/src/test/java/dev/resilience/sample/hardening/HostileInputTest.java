package dev.resilience.sample.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests built to break the gateway get a 4xx, never a 500: oversized or malformed bodies and
 * headers, hostile JSON, and {@code max_tokens} values out of range, each refused with a message
 * that says what was wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    private static final String CHAT = "/v1/chat/completions";

    private static final String VALID = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":8}";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpRequest.Builder chat;

    @BeforeEach
    void request() {
        chat = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CHAT))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Tenant", "acme");
    }

    static Stream<Arguments> outOfRangeMaxTokens() {
        return Stream.of(
                Arguments.of("0", "max_tokens must be from 1 to 16384; got 0"),
                Arguments.of("-1", "max_tokens must be from 1 to 16384; got -1"),
                Arguments.of("-2147483648", "max_tokens must be from 1 to 16384; got -2147483648"),
                Arguments.of("16385", "max_tokens must be from 1 to 16384; got 16385"),
                Arguments.of("2147483647", "max_tokens must be from 1 to 16384; got 2147483647"),
                Arguments.of("2147483648", "\"field\":\"max_tokens\""),
                Arguments.of("1000000000000000000000000000000", "\"field\":\"max_tokens\""),
                Arguments.of("1e400", "\"field\":\"max_tokens\""),
                Arguments.of("\"lots\"", "\"field\":\"max_tokens\""));
    }

    @ParameterizedTest(name = "max_tokens {0}")
    @MethodSource("outOfRangeMaxTokens")
    void outOfRangeMaxTokensIsRefusedNamingTheField(String maxTokens, String detail) throws Exception {
        HttpResponse<String> response = send(chat.POST(
                json("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":" + maxTokens + "}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(detail);
    }

    @Test
    void headerLargerThanTheServerAcceptsIsA4xx() throws Exception {
        HttpResponse<String> response =
                send(chat.copy().setHeader("X-Tenant", "t".repeat(64 * 1024)).POST(json(VALID)));

        assertThat(response.statusCode()).isBetween(400, 499);
    }

    @Test
    void thousandsOfHeadersAreA4xx() throws Exception {
        HttpRequest.Builder request = chat.copy();
        for (int i = 0; i < 2_000; i++) {
            request.header("X-Padding-" + i, "padding-value-" + i);
        }

        assertThat(send(request.POST(json(VALID))).statusCode()).isBetween(400, 499);
    }

    @Test
    void blankTenantIsRefused() throws Exception {
        HttpResponse<String> response =
                send(chat.copy().setHeader("X-Tenant", "   ").POST(json(VALID)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("X-Tenant");
    }

    @Test
    void promptOfMegabytesIsRefusedNamingTheLimit() throws Exception {
        String content = "word ".repeat(800_000);
        HttpResponse<String> response = send(chat.POST(
                json("{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"max_tokens\":8}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("gateway.max-prompt-tokens");
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        int depth = 100_000;
        String body = "{\"messages\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThat(send(chat.POST(json(body))).statusCode()).isEqualTo(400);
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] prefix = "{\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = (byte) 0xFF;
        body[prefix.length + 3] = (byte) 0xFE;
        System.arraycopy(suffix, 0, body, prefix.length + 4, suffix.length);

        assertThat(send(chat.POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode())
                .isEqualTo(400);
    }

    @Test
    void truncatedBodyIsRefused() throws Exception {
        assertThat(send(chat.POST(json(VALID.substring(0, VALID.length() / 2)))).statusCode())
                .isEqualTo(400);
    }

    @Test
    void objectWhereTextBelongsIsRefused() throws Exception {
        HttpResponse<String> response = send(
                chat.POST(json("{\"messages\":[{\"role\":\"user\",\"content\":{\"$gt\":\"\"}}],\"max_tokens\":8}")));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void nullBodyIsRefused() throws Exception {
        assertThat(send(chat.POST(json("null"))).statusCode()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeIsA415() throws Exception {
        assertThat(send(chat.copy().setHeader("Content-Type", "text/plain").POST(json(VALID)))
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void wrongMethodIsA405() throws Exception {
        assertThat(send(chat.GET()).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }
}
