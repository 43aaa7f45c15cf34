package dev.resilience.sample.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one breaker's state through the gateway's {@code /actuator/circuitbreakers/{name}}
 * endpoint during a replay, by polling it, and records each change it sees. A state held for less
 * than the poll interval may be missed; the endpoint's recent events fill such gaps when present.
 */
final class BreakerMonitor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI endpoint;
    private final long startNanos;
    private final List<Transition> transitions = new ArrayList<>();
    private String lastState;

    BreakerMonitor(HttpClient http, URI gateway, String breaker, long startNanos) {
        this.http = http;
        this.endpoint = gateway.resolve("/actuator/circuitbreakers/" + breaker);
        this.startNanos = startNanos;
    }

    /** Reads the state once and records a transition when it changed. */
    synchronized void poll() {
        String state = readState();
        if (state == null) {
            return;
        }
        if (lastState != null && !state.equals(lastState)) {
            transitions.add(new Transition(System.nanoTime() - startNanos, lastState, state));
        }
        lastState = state;
    }

    /** The transitions seen so far. */
    synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private String readState() {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode state = JSON.readTree(response.body()).path("state");
            return state.isMissingNode() || state.isNull() ? null : state.asString();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
