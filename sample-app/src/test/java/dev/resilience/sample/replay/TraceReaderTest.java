package dev.resilience.sample.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAzureFormatAsOffsetsFromTheFirstRow() throws Exception {
        Path trace = write("TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46.6805900,374,44\n"
                + "2023-11-16 18:15:50.9951690,396,109\n");

        assertThat(TraceReader.read(trace, Long.MAX_VALUE, null))
                .containsExactly(new TraceRow(0, 374, 44), new TraceRow(4_314_579_000L, 396, 109));
    }

    @Test
    void stopsAtTheLimitAndAtTheDuration() throws Exception {
        Path trace = write("TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:00:00,1,1\n2023-11-16 18:00:10,2,2\n2023-11-16 18:01:00,3,3\n");

        assertThat(TraceReader.read(trace, 2, null)).hasSize(2);
        assertThat(TraceReader.read(trace, 10, Duration.ofSeconds(30))).hasSize(2);
    }

    @Test
    void rejectsAWrongHeaderQuotingIt() throws Exception {
        Path trace = write("time,prompt,completion\n");

        assertThatThrownBy(() -> TraceReader.read(trace, 10, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TIMESTAMP,ContextTokens,GeneratedTokens'")
                .hasMessageContaining("got 'time,prompt,completion'");
    }

    @Test
    void rejectsANegativeTokenCountNamingTheLine() throws Exception {
        Path trace = write("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:00,-5,1\n");

        assertThatThrownBy(() -> TraceReader.read(trace, 10, null))
                .hasMessageContaining(":2: expected a token count of zero or more; got '-5'");
    }

    @Test
    void rejectsAnUnreadableTimestampNamingTheLine() throws Exception {
        Path trace = write("TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,1,1\n");

        assertThatThrownBy(() -> TraceReader.read(trace, 10, null)).hasMessageContaining(":2: expected a timestamp");
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("trace.csv"), content);
    }
}
