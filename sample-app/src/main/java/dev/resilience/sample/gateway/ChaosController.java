package dev.resilience.sample.gateway;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;

/**
 * Forwards chaos requests to the model server, so that demos and the replay need only the
 * gateway's address: {@code POST /chaos/{model}?mode=fail|slow|throttle|healthy} with optional
 * {@code status}, {@code delayMs} and {@code retryAfter}; {@code POST /chaos/reset};
 * {@code GET /chaos}. A demo convenience: a production gateway would not expose it.
 */
@RestController
public class ChaosController {

    private final RestClient modelServer;

    ChaosController(ModelServerAddress address) {
        this.modelServer =
                RestClient.builder().baseUrl(address.baseUri().toString()).build();
    }

    @GetMapping("/chaos")
    ResponseEntity<String> state() {
        return forward(modelServer.get().uri("/chaos"));
    }

    @PostMapping("/chaos/{model}")
    ResponseEntity<String> inject(@PathVariable String model, @RequestParam MultiValueMap<String, String> params) {
        return forward(modelServer
                .post()
                .uri(uri -> uri.path("/chaos/{model}").queryParams(params).build(model)));
    }

    private static ResponseEntity<String> forward(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.retrieve().toEntity(String.class);
        } catch (HttpStatusCodeException e) {
            return ResponseEntity.status(e.getStatusCode()).body(e.getResponseBodyAsString());
        }
    }
}
