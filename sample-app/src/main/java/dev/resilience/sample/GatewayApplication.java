package dev.resilience.sample;

import dev.resilience.sample.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The AI gateway sample: an OpenAI-style API in front of a simulated model server.
 *
 * <p>With {@code --replay} among the arguments it runs a trace replay instead (see
 * {@link ReplayCommand}) and exits when the report is written.
 */
@SpringBootApplication
public class GatewayApplication {

    /** Starts the gateway, or runs a replay when the arguments include {@code --replay}. */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--replay")) {
            ReplayCommand.main(args);
            return;
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
