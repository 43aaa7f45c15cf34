package dev.resilience.sample.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void readsBothArgumentFormsAndPassesUnknownOnesToSpring() {
        ReplayOptions options = ReplayOptions.parse(
                "--replay", "--trace", "t.csv", "--speedup=120", "--duration=15m", "--server.port=0");

        assertThat(options.trace()).isEqualTo(Path.of("t.csv"));
        assertThat(options.speedup()).isEqualTo(120);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.springArguments()).containsExactly("--server.port=0");
    }

    @Test
    void defaultsToTheSyntheticWorkloadWrittenUnderTarget() {
        ReplayOptions options = ReplayOptions.parse();

        assertThat(options.trace()).isNull();
        assertThat(options.out()).isEqualTo(Path.of("target", "replay"));
    }

    @Test
    void rejectsANonPositiveSpeedupNamingTheOption() {
        assertThatThrownBy(() -> ReplayOptions.parse("--speedup=0")).hasMessage("--speedup must be above 0; got 0.0");
    }

    @Test
    void rejectsAnUnreadableNumberNamingTheOption() {
        assertThatThrownBy(() -> ReplayOptions.parse("--limit", "lots")).hasMessage("--limit: cannot read 'lots'");
    }

    @Test
    void rejectsAnOutageEndingBeforeItStarts() {
        assertThatThrownBy(() -> ReplayOptions.parse("--outage-start=0.6", "--outage-end=0.4"))
                .hasMessageContaining("0 <= start <= end <= 1");
    }
}
