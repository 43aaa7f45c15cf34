package dev.resilience.sample.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The replay drives a running gateway over HTTP and writes a report whose counts add up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayTest {

    private static final Path AZURE_CONV = Path.of("../shared/data/azure-llm-2023/conv.csv");

    @LocalServerPort
    int port;

    @TempDir
    Path out;

    @Test
    void syntheticReplayCountsEveryRequestOnceAndWritesReportWithCharts() throws Exception {
        ReplayResult result = replay("--synthetic-requests=400", "--speedup=1200");

        assertThat(result.outcomes()).hasSize(400);
        assertCountsAddUp(result);
        assertThat(out.resolve("report.md")).content().contains("| all | 400 |");
        assertThat(out)
                .isDirectoryContaining("glob:**/tokens-per-second.svg")
                .isDirectoryContaining("glob:**/breaker-state.svg");
    }

    @Test
    void replayOfTheFirstRowsOfTheAzureConversationTraceAddsUp() throws Exception {
        assumeTrue(
                locatable(AZURE_CONV), "The Azure trace is not beside the repository; skipping the real-input replay");

        ReplayResult result = replay("--trace=" + AZURE_CONV, "--limit=300", "--speedup=120");

        assertThat(result.source()).contains("conv.csv");
        assertThat(result.outcomes()).hasSize(300);
        assertCountsAddUp(result);
    }

    private ReplayResult replay(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--gateway=http://127.0.0.1:" + port;
        all[1] = "--out=" + out;
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        return ReplayCommand.run(new PrintStream(progress, true, StandardCharsets.UTF_8), all);
    }

    private static void assertCountsAddUp(ReplayResult result) {
        for (TierStats stats : ReportWriter.stats(result)) {
            assertThat(stats.offered())
                    .as("offered = admitted + 429 + fallback + errors for tier %s", stats.tier())
                    .isEqualTo(stats.admitted() + stats.rateLimited() + stats.fallback() + stats.errors());
        }
    }

    private static boolean locatable(Path path) {
        try {
            return Files.isRegularFile(ReplayCommand.locate(path));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
