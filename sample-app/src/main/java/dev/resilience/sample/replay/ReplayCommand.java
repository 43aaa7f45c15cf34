package dev.resilience.sample.replay;

import dev.resilience.sample.GatewayApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The replay command: reads the trace (or generates the synthetic one), starts a gateway in this
 * JVM unless {@code --gateway} names a running one, replays, and writes the report.
 *
 * <p>A relative {@code --trace} path is looked up from the working directory and then from each
 * of its parents, so that {@code ../shared/data/azure-llm-2023/conv.csv} works both from the
 * repository root and from the {@code sample-app} directory Maven runs the application in.
 */
public final class ReplayCommand {

    private ReplayCommand() {}

    /** Runs a replay with these arguments; see {@link ReplayOptions#parse(String...)}. */
    public static void main(String[] args) throws Exception {
        run(System.out, args);
    }

    /** Runs a replay, printing progress to {@code out}, and returns what it observed. */
    public static ReplayResult run(PrintStream out, String... args) throws IOException, InterruptedException {
        ReplayOptions options = ReplayOptions.parse(args);
        List<TraceRow> rows;
        String source;
        if (options.trace() != null) {
            Path trace = locate(options.trace());
            rows = TraceReader.read(trace, options.limit(), options.duration());
            source = "trace " + trace.getFileName() + " (" + rows.size() + " rows)";
        } else {
            int requests = (int) Math.min(options.limit(), options.syntheticRequests());
            rows = SyntheticTrace.generate(requests, Duration.ofMinutes(20), options.seed());
            source = "synthetic workload (" + rows.size() + " requests over 20 min of trace time)";
        }
        out.println("replay: " + source + " at " + options.speedup() + "x");
        ConfigurableApplicationContext gateway = null;
        try {
            URI target = options.gateway();
            if (target == null) {
                List<String> scaled = LimitScaling.scaledArguments(options.springArguments(), options.speedup());
                out.println("replay: starting a gateway with rate limits scaled by " + options.speedup());
                gateway = startGateway(scaled);
                target = URI.create(
                        "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"));
            }
            List<Tenant> tenants = assignTenants(rows.size(), options.seed());
            ReplayResult result = new ReplayRunner(options, target, out)
                    .run(rows, tenants, source)
                    .withComparison(LimiterComparison.compare(
                            rows,
                            tenants,
                            Map.of(
                                    "free", options.freeTokensPerMinute(),
                                    "premium", options.premiumTokensPerMinute()),
                            options.maxTokens()));
            Path report = ReportWriter.write(result, options.out());
            out.println("replay: report written to " + report.toAbsolutePath());
            return result;
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private static List<Tenant> assignTenants(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TenantMix mix = TenantMix.standard();
        List<Tenant> tenants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tenants.add(mix.pick(random));
        }
        return tenants;
    }

    /** Finds a relative path from the working directory or the nearest parent that has it. */
    static Path locate(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(path).normalize();
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--trace: no file " + path + " in "
                + Path.of("").toAbsolutePath() + " or any of its parent directories");
    }

    private static ConfigurableApplicationContext startGateway(List<String> springArguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        args.addAll(springArguments);
        return SpringApplication.run(GatewayApplication.class, args.toArray(String[]::new));
    }
}
