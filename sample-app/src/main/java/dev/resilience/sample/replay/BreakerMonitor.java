package dev.resilience.sample.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one breaker through the gateway's {@code /actuator/circuitbreakers/{name}} endpoint
 * during a replay. Each poll reads the breaker's recent events, and records every state
 * transition not seen before at the time it happened (the poll time minus the event's age, to
 * within the poll's own latency), so that even a half-open state lasting a few milliseconds
 * between two polls is kept. Transitions pushed out of the endpoint's event buffer between two
 * polls (sized by {@code event-buffer-size}) are missed.
 */
final class BreakerMonitor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Two sightings of the same transition closer than this are one transition. */
    private static final long SAME_EVENT_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

    private final HttpClient http;
    private final URI endpoint;
    private final long startNanos;
    private final List<Transition> transitions = new ArrayList<>();

    BreakerMonitor(HttpClient http, URI gateway, String breaker, long startNanos) {
        this.http = http;
        this.endpoint = gateway.resolve("/actuator/circuitbreakers/" + breaker);
        this.startNanos = startNanos;
    }

    /** Reads the recent events once and records the transitions not seen yet. */
    synchronized void poll() {
        long before = System.nanoTime() - startNanos;
        JsonNode details = read();
        long now = (before + System.nanoTime() - startNanos) / 2;
        List<Transition> sighted = new ArrayList<>();
        for (JsonNode event : details.path("events")) {
            if ("STATE_TRANSITION".equals(event.path("type").asString(""))) {
                long at = now
                        - TimeUnit.MILLISECONDS.toNanos(event.path("millisAgo").asLong(0));
                sighted.add(new Transition(
                        at, event.path("from").asString("?"), event.path("to").asString("?")));
            }
        }
        int overlap = overlap(sighted);
        for (Transition t : sighted.subList(overlap, sighted.size())) {
            if (t.atNanos() >= 0) {
                transitions.add(t);
            }
        }
    }

    /**
     * How many of the sighted transitions were already recorded. The endpoint lists the most
     * recent events oldest first, so the sighting starts with a tail of what was recorded: the
     * longest tail of the record that matches the start of the sighting, transition by transition
     * and within {@link #SAME_EVENT_NANOS} in time, is the overlap.
     */
    private int overlap(List<Transition> sighted) {
        int recorded = transitions.size();
        for (int from = Math.max(0, recorded - sighted.size()); from < recorded; from++) {
            boolean matches = true;
            for (int i = from; i < recorded && matches; i++) {
                Transition old = transitions.get(i);
                Transition seen = sighted.get(i - from);
                matches = old.from().equals(seen.from())
                        && old.to().equals(seen.to())
                        && Math.abs(old.atNanos() - seen.atNanos()) < SAME_EVENT_NANOS;
            }
            if (matches) {
                return recorded - from;
            }
        }
        return 0;
    }

    /** The transitions seen so far, in time order. */
    synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private JsonNode read() {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
        } catch (IOException | RuntimeException e) {
            return JSON.missingNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.missingNode();
        }
    }
}
