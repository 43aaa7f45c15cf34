package dev.resilience.sample.gateway;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A test client of a running gateway that returns every answer, errors included. */
final class GatewayClient {

    private final RestClient client;

    GatewayClient(int port) {
        this.client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    ResponseEntity<String> chat(String tenant, String json) {
        RestClient.RequestBodySpec spec =
                client.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON);
        if (tenant != null) {
            spec = spec.header("X-Tenant", tenant);
        }
        return spec.body(json).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> chat(String tenant, String prompt, int maxTokens) {
        return chat(
                tenant,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":" + maxTokens + "}");
    }

    void chaos(String model, String query) {
        client.post().uri("/chaos/" + model + "?" + query).retrieve().toBodilessEntity();
    }

    void resetChaos() {
        client.post().uri("/chaos/reset").retrieve().toBodilessEntity();
    }

    ResponseEntity<String> get(String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }
}
