package dev.resilience.sample.modelserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.sample.api.ChatMessage;
import dev.resilience.sample.api.Choice;
import dev.resilience.sample.api.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small OpenAI-style model server on the JDK's HTTP server, for demos and tests.
 *
 * <p>{@code POST /v1/chat/completions} answers with a completion whose latency grows with the
 * prompt and completion tokens ({@link ModelProfile}); the completion has the length given by the
 * request's {@code simulate.completion_tokens} hint, or a length derived from the prompt, capped
 * by {@code max_tokens}. {@code POST /chaos/{model}?mode=fail|slow|throttle|healthy} (with
 * optional {@code status}, {@code delayMs} and {@code retryAfter}) injects a fault into one
 * model, {@code POST /chaos/reset} heals every model and {@code GET /chaos} shows the faults.
 *
 * <p>The server binds to the loopback address only.
 */
public final class SimulatedModelServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, ModelProfile> models;
    private final Map<String, Chaos> chaos = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;

    private SimulatedModelServer(List<ModelProfile> profiles, HttpServer server, int threads) {
        Map<String, ModelProfile> byName = new LinkedHashMap<>();
        profiles.forEach(profile -> byName.put(profile.name(), profile));
        this.models = Map.copyOf(byName);
        this.server = server;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "model-server-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/chaos", this::chaos);
    }

    /**
     * Starts a server on {@code 127.0.0.1}.
     *
     * @param port the port, or {@code 0} for any free port
     * @param threads the number of requests served at the same time
     * @param profiles the models it serves
     */
    public static SimulatedModelServer start(int port, int threads, List<ModelProfile> profiles) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            SimulatedModelServer modelServer =
                    new SimulatedModelServer(profiles, HttpServer.create(address, 256), threads);
            modelServer.server.start();
            return modelServer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the model server on port " + port, e);
        }
    }

    /** The base URL of the server, for example {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /** The current fault of a model, {@link Chaos#HEALTHY} when none was injected. */
    public Chaos chaosOf(String model) {
        return chaos.getOrDefault(model, Chaos.HEALTHY);
    }

    /** Injects a fault into a model, or heals it with {@link Chaos#HEALTHY}. */
    public void inject(String model, Chaos fault) {
        if (!models.containsKey(model)) {
            throw new IllegalArgumentException("Unknown model '" + model + "'; known models: " + models.keySet());
        }
        chaos.put(model, fault);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "Use POST");
                return;
            }
            ChatCompletionRequest request;
            try {
                request = JSON.readValue(exchange.getRequestBody(), ChatCompletionRequest.class);
            } catch (JacksonException e) {
                sendError(exchange, 400, "Malformed request: " + e.getOriginalMessage());
                return;
            }
            ModelProfile profile = models.get(request.model());
            if (profile == null) {
                sendError(exchange, 404, "Unknown model '" + request.model() + "'");
                return;
            }
            answer(exchange, profile, request);
        }
    }

    private void answer(HttpExchange exchange, ModelProfile profile, ChatCompletionRequest request) throws IOException {
        Chaos fault = chaosOf(profile.name());
        switch (fault.mode()) {
            case FAIL -> {
                sendError(exchange, fault.status(), "Model '" + profile.name() + "' is failing");
                return;
            }
            case THROTTLE -> {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                sendError(exchange, 429, "Model '" + profile.name() + "' is overloaded");
                return;
            }
            case SLOW -> pause(TimeUnit.MILLISECONDS.toNanos(fault.extraLatencyMillis()));
            case HEALTHY -> {}
        }
        int promptTokens = request.promptTokens();
        int maxTokens = request.maxTokens() == null ? 256 : Math.max(1, request.maxTokens());
        int wanted = wantedCompletionTokens(request);
        int completionTokens = Math.min(wanted, maxTokens);
        pause(profile.latencyNanos(promptTokens, completionTokens));
        ChatMessage message =
                new ChatMessage("assistant", "tok ".repeat(completionTokens).trim());
        ChatCompletionResponse response = new ChatCompletionResponse(
                "chatcmpl-" + UUID.randomUUID(),
                "chat.completion",
                System.currentTimeMillis() / 1000,
                profile.name(),
                List.of(new Choice(0, message, wanted > maxTokens ? "length" : "stop")),
                Usage.of(promptTokens, completionTokens));
        send(exchange, 200, JSON.writeValueAsBytes(response));
    }

    private static int wantedCompletionTokens(ChatCompletionRequest request) {
        if (request.simulate() != null && request.simulate().completionTokens() != null) {
            return Math.max(0, request.simulate().completionTokens());
        }
        int hash = request.messages() == null ? 0 : request.messages().hashCode();
        return 16 + Math.floorMod(hash, 240);
    }

    private void chaos(HttpExchange exchange) throws IOException {
        try (exchange) {
            String model = exchange.getRequestURI().getPath().substring("/chaos".length());
            model = model.startsWith("/") ? model.substring(1) : model;
            if ("GET".equals(exchange.getRequestMethod())) {
                Map<String, Chaos> state = new LinkedHashMap<>();
                models.keySet().forEach(name -> state.put(name, chaosOf(name)));
                send(exchange, 200, JSON.writeValueAsBytes(state));
                return;
            }
            if ("reset".equals(model)) {
                chaos.clear();
                send(exchange, 200, JSON.writeValueAsBytes(Map.of("reset", true)));
                return;
            }
            try {
                Chaos fault = ChaosQuery.parse(exchange.getRequestURI().getRawQuery());
                inject(model, fault);
                send(exchange, 200, JSON.writeValueAsBytes(fault));
            } catch (IllegalArgumentException e) {
                sendError(exchange, 400, e.getMessage());
            }
        }
    }

    private static void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> error = Map.of("message", message, "type", "server_error");
        send(exchange, status, JSON.writeValueAsBytes(Map.of("error", error)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
