package dev.resilience.sample.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Invalid requests get a 400 problem detail that says what to change, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestValidationTest {

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void connect() {
        gateway = new GatewayClient(port);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 16385, Integer.MAX_VALUE})
    void maxTokensOutOfRangeIsRejectedNamingTheRange(int maxTokens) {
        ResponseEntity<String> response = gateway.chat("acme", "Hi", maxTokens);

        assertBadRequest(response, "max_tokens must be from 1 to 16384; got " + maxTokens);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{not json",
                "[1,2]",
                "{\"messages\":\"hello\"}",
                "{\"max_tokens\":\"many\",\"messages\":[]}",
                "{\"max_tokens\":99999999999,\"messages\":[]}"
            })
    void malformedBodyIsRejectedWithAnExample(String body) {
        ResponseEntity<String> response = gateway.chat("acme", body);

        assertBadRequest(response, "not a valid chat completion request");
    }

    @Test
    void emptyBodyIsRejected() {
        assertBadRequest(gateway.chat("acme", ""), "request body is empty");
    }

    @Test
    void missingMessagesAreRejected() {
        assertBadRequest(gateway.chat("acme", "{\"messages\":[],\"max_tokens\":5}"), "messages must hold at least one");
    }

    @Test
    void messageWithoutContentIsRejectedNamingItsIndex() {
        assertBadRequest(
                gateway.chat("acme", "{\"messages\":[{\"role\":\"user\"}]}"),
                "messages[0] needs a 'role' and a 'content'");
    }

    @Test
    void unknownModelIsRejectedListingTheKnownOnes() {
        assertBadRequest(
                gateway.chat(
                        "acme", "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\"," + "\"content\":\"Hi\"}]}"),
                "Unknown model 'gpt-9'; use one of [large, small]");
    }

    @Test
    void missingTenantHeaderIsRejected() {
        assertBadRequest(gateway.chat(null, "Hi", 5), "X-Tenant");
    }

    private static void assertBadRequest(ResponseEntity<String> response, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains(detail);
    }
}
