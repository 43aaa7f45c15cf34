package dev.resilience.sample.modelserver;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated model server on its own, for a gateway started separately with
 * {@code gateway.model-server.embedded=false} and {@code gateway.model-server.url} pointing here.
 *
 * <p>Arguments: {@code --port=N} (default 9090). It serves the default {@code large} and
 * {@code small} models and stops with the JVM.
 */
public final class ModelServerMain {

    /** The models served when nothing else is configured: a slow large one, a fast small one. */
    public static final List<ModelProfile> DEFAULT_MODELS =
            List.of(new ModelProfile("large", 2, 20), new ModelProfile("small", 1, 5));

    private ModelServerMain() {}

    /** Starts the server and waits until the JVM stops. */
    public static void main(String[] args) throws InterruptedException {
        int port = 9090;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            }
        }
        SimulatedModelServer server = SimulatedModelServer.start(port, 64, DEFAULT_MODELS);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Model server listening on " + server.baseUri());
        new CountDownLatch(1).await();
    }
}
