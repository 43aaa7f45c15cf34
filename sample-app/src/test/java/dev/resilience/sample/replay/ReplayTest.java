package dev.resilience.sample.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay starts its own gateway, drives it over HTTP and writes a report whose counts add
 * up.
 */
class ReplayTest {

    private static final Path AZURE_CONV = Path.of("../shared/data/azure-llm-2023/conv.csv");

    @TempDir
    Path out;

    @Test
    void syntheticReplayOnItsOwnGatewayShowsLimitsFallbacksAndAFullBreakerCycle() throws Exception {
        ReplayResult result = ReplayCommand.run(
                quiet(), "--out=" + out, "--synthetic-requests=1500", "--speedup=150", "--logging.level.root=WARN");

        TierStats all = total(result);
        assertThat(all.offered()).isEqualTo(1500);
        assertCountsAddUp(result);
        assertThat(all.admitted()).isPositive();
        assertThat(all.rateLimited()).isPositive();
        assertThat(all.fallback()).isPositive();
        assertThat(ReportWriter.fullCycle(result.transitions()))
                .as("transitions %s", result.transitions())
                .isTrue();
        assertThat(ReplayCheck.all(result))
                .hasSize(5)
                .allSatisfy(check -> assertThat(check.passed())
                        .as("%s: %s", check.name(), check.measured())
                        .isTrue());
        assertThat(out.resolve("report.md")).content().contains("| all | 1500 |", "cycle seen: yes");
        assertThat(out)
                .isDirectoryContaining("glob:**/tokens-per-second.svg")
                .isDirectoryContaining("glob:**/breaker-state.svg")
                .isDirectoryContaining("glob:**/fallbacks-by-kind.svg");
    }

    @Test
    void replayOfTheFirstRowsOfTheAzureConversationTraceAddsUp() throws Exception {
        assumeTrue(
                locatable(AZURE_CONV), "The Azure trace is not beside the repository; skipping the real-input replay");

        ReplayResult result = ReplayCommand.run(
                quiet(),
                "--out=" + out,
                "--trace=" + AZURE_CONV,
                "--limit=300",
                "--speedup=120",
                "--logging.level.root=WARN");

        assertThat(result.source()).contains("conv.csv");
        assertThat(result.outcomes()).hasSize(300);
        assertCountsAddUp(result);
    }

    private static void assertCountsAddUp(ReplayResult result) {
        for (TierStats stats : ReportWriter.stats(result)) {
            assertThat(stats.offered())
                    .as("offered = admitted + 429 + fallback + errors for tier %s", stats.tier())
                    .isEqualTo(stats.admitted() + stats.rateLimited() + stats.fallback() + stats.errors());
        }
    }

    private static TierStats total(ReplayResult result) {
        List<TierStats> stats = ReportWriter.stats(result);
        return stats.get(stats.size() - 1);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static boolean locatable(Path path) {
        try {
            return Files.isRegularFile(ReplayCommand.locate(path));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
