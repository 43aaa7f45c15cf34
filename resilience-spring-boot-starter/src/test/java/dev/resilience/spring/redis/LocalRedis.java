package dev.resilience.spring.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis server for one test class, on a free loopback port, without persistence.
 *
 * <p>It runs the {@code redis-server} on the PATH (Redis 7 from the Debian package) or, when
 * there is none, the native Redis binary shipped inside the embedded-redis test dependency. It
 * never falls back to an imitation: when neither binary starts, {@link #start()} throws and the
 * test fails. The server is stopped through its own process handle. The system property {@code
 * resilience.test.redis-server} may name another binary, or {@code embedded} to force the
 * bundled one.
 */
final class LocalRedis implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final String executable;
    private final int port;
    private Process process;

    private LocalRedis(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    static LocalRedis start() {
        String executable = findExecutable();
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            LocalRedis redis = new LocalRedis(executable, freePort());
            try {
                redis.restart();
                return redis;
            } catch (IllegalStateException e) {
                // Another process may have taken the port between probing and binding.
                failure = e;
                redis.stop();
            }
        }
        throw failure;
    }

    /** The server's port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Whether the server process is alive. */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server if it runs, waiting for its process to end. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the server again on the same port, empty, and waits until it accepts connections. */
    void restart() {
        stop();
        List<String> command = List.of(
                executable,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + executable, e);
        }
        Process started = process;
        Awaitility.await()
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> accepts() || !started.isAlive());
        if (!started.isAlive()) {
            throw new IllegalStateException(executable + " exited with " + started.exitValue() + " on port " + port);
        }
    }

    /** A started Lettuce connection factory on this server, with the given client timeout. */
    LettuceConnectionFactory connectionFactory(Duration clientTimeout) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder()
                        .commandTimeout(clientTimeout)
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String findExecutable() {
        String chosen = System.getProperty("resilience.test.redis-server", "");
        if (chosen.equals("embedded")) {
            return extractEmbedded();
        }
        if (!chosen.isEmpty()) {
            return chosen;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return extractEmbedded();
    }

    /** Copies the embedded-redis binary for this platform to a temporary executable file. */
    private static String extractEmbedded() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource;
        if (os.contains("linux")) {
            resource = arch.contains("aarch64") || arch.contains("arm64")
                    ? "/redis-server-6.2.7-linux-arm64"
                    : "/redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("mac")) {
            resource = arch.contains("aarch64")
                    ? "/redis-server-6.2.6-v5-darwin-arm64"
                    : "/redis-server-6.2.6-v5-darwin-amd64";
        } else {
            throw new IllegalStateException("No redis-server on the PATH and no embedded Redis binary for " + os);
        }
        try (InputStream in = LocalRedis.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "No redis-server on the PATH and " + resource + " is not on the test class path");
            }
            Path binary = Files.createTempFile("redis-server", "");
            binary.toFile().deleteOnExit();
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true)) {
                throw new IllegalStateException("Cannot make " + binary + " executable");
            }
            return binary.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the embedded Redis binary", e);
        }
    }
}
