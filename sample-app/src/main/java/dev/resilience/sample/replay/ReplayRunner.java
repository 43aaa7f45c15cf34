package dev.resilience.sample.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the requests of a trace to a gateway over HTTP at their (compressed) arrival times, with
 * at most {@link ReplayOptions#concurrency()} in flight, makes the large model fail for the
 * configured part of the run through the gateway's chaos endpoint, and records every outcome.
 *
 * <p>Arrival times are kept by sleeping until each one is due; when all slots are busy, requests
 * go out late, and the largest delay is reported.
 */
public final class ReplayRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReplayOptions options;
    private final URI gateway;
    private final PrintStream progress;
    private final HttpClient http;

    /** Creates a runner against the gateway at {@code gateway}, printing progress lines. */
    public ReplayRunner(ReplayOptions options, URI gateway, PrintStream progress) {
        this.options = options;
        this.gateway = gateway;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Replays the rows and returns what happened. */
    public ReplayResult run(List<TraceRow> rows, List<Tenant> tenants, String source) throws InterruptedException {
        long start = System.nanoTime();
        long span = rows.isEmpty() ? 0 : (long) (rows.get(rows.size() - 1).offsetNanos() / options.speedup());
        boolean outage = options.outageEnd() > options.outageStart();
        long outageStart = outage ? (long) (span * options.outageStart()) : -1;
        long outageEnd = outage ? (long) (span * options.outageEnd()) : -1;
        Outcome[] outcomes = new Outcome[rows.size()];
        AtomicInteger done = new AtomicInteger();
        AtomicIntegerArray tally = new AtomicIntegerArray(OutcomeKind.values().length);
        BreakerMonitor monitor = new BreakerMonitor(http, gateway, options.breaker(), start);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("replay-timer"));
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(), daemon("replay-worker"));
        Semaphore slots = new Semaphore(options.concurrency());
        long maxLag = 0;
        try {
            chaos("/chaos/reset");
            monitor.poll();
            timer.scheduleWithFixedDelay(monitor::poll, 200, 200, TimeUnit.MILLISECONDS);
            if (outage) {
                timer.schedule(() -> chaos("/chaos/large?mode=fail&status=503"), outageStart, TimeUnit.NANOSECONDS);
                timer.schedule(() -> chaos("/chaos/large?mode=healthy"), outageEnd, TimeUnit.NANOSECONDS);
            }
            timer.scheduleAtFixedRate(() -> report(done.get(), outcomes.length, start, tally), 5, 5, TimeUnit.SECONDS);
            for (int i = 0; i < rows.size(); i++) {
                TraceRow row = rows.get(i);
                Tenant tenant = tenants.get(i);
                long due = start + (long) (row.offsetNanos() / options.speedup());
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                slots.acquire();
                maxLag = Math.max(maxLag, System.nanoTime() - due);
                int index = i;
                workers.execute(() -> {
                    try {
                        Outcome outcome = send(index, row, tenant, start);
                        outcomes[index] = outcome;
                        tally.incrementAndGet(outcome.kind().ordinal());
                    } finally {
                        done.incrementAndGet();
                        slots.release();
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.MINUTES);
            monitor.poll();
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            chaos("/chaos/reset");
        }
        long wall = System.nanoTime() - start;
        report(done.get(), outcomes.length, start, tally);
        return new ReplayResult(
                options,
                source,
                Arrays.asList(outcomes),
                monitor.transitions(),
                outageStart,
                outageEnd,
                wall,
                maxLag,
                List.of(),
                rows.isEmpty() ? 0 : rows.get(rows.size() - 1).offsetNanos());
    }

    private Outcome send(int index, TraceRow row, Tenant tenant, long start) {
        int offered = row.contextTokens() + row.generatedTokens();
        int estimated = row.contextTokens() + options.maxTokens();
        long sent = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Tenant", tenant.name())
                    .POST(HttpRequest.BodyPublishers.ofString(body(index, row)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - sent;
            int status = response.statusCode();
            String servedBy = response.headers().firstValue("X-Served-By").orElse(null);
            OutcomeKind kind = status == 429
                    ? OutcomeKind.RATE_LIMITED
                    : status != 200
                            ? OutcomeKind.ERROR
                            : "primary".equals(servedBy) ? OutcomeKind.ADMITTED : OutcomeKind.FALLBACK;
            int used = status == 200 ? usedTokens(response.body()) : 0;
            return new Outcome(sent - start, tenant, kind, status, servedBy, latency, offered, estimated, used);
        } catch (IOException | RuntimeException e) {
            return new Outcome(
                    sent - start, tenant, OutcomeKind.ERROR, 0, null, System.nanoTime() - sent, offered, estimated, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(sent - start, tenant, OutcomeKind.ERROR, 0, null, 0, offered, estimated, 0);
        }
    }

    private String body(int index, TraceRow row) {
        String tag = "r" + index + " ";
        int length = Math.max(tag.length(), row.contextTokens() * 4);
        StringBuilder prompt = new StringBuilder(length).append(tag);
        while (prompt.length() < length) {
            prompt.append('a');
        }
        return "{\"model\":\"large\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}],\"max_tokens\":" + options.maxTokens()
                + ",\"simulate\":{\"completion_tokens\":" + row.generatedTokens() + "}}";
    }

    private static int usedTokens(String body) {
        JsonNode usage = JSON.readTree(body).path("usage");
        return usage.path("total_tokens").asInt(0);
    }

    private void chaos(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                progress.println("replay: chaos request " + path + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            progress.println("replay: chaos request " + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(int done, int total, long start, AtomicIntegerArray tally) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        progress.printf(
                "replay: %d/%d answered after %ds (admitted %d, 429 %d, fallback %d, errors %d)%n",
                done,
                total,
                seconds,
                tally.get(OutcomeKind.ADMITTED.ordinal()),
                tally.get(OutcomeKind.RATE_LIMITED.ordinal()),
                tally.get(OutcomeKind.FALLBACK.ordinal()),
                tally.get(OutcomeKind.ERROR.ordinal()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
