package dev.resilience.benchmarks.spring;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application the annotated beans live in: auto-configuration and this package, with
 * every limit far above what one machine can ask for and every breaker closed.
 *
 * <p>Each library is measured in an application without the other library's auto-configuration,
 * so that neither pays for the other's advice on its calls.
 */
@SpringBootApplication
public class BenchmarkApplication {

    /** The package of this project's auto-configurations. */
    static final String OURS = "dev.resilience.";

    /** The package of Resilience4j's auto-configurations. */
    static final String RESILIENCE4J = "io.github.resilience4j.";

    /**
     * Starts the application without a web server, logging only warnings, and without the
     * auto-configurations whose class names start with {@code excludedPrefix}.
     */
    public static ConfigurableApplicationContext startWithout(String excludedPrefix) {
        return new SpringApplicationBuilder(BenchmarkApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(
                        "logging.level.root=WARN",
                        "spring.autoconfigure.exclude=" + autoConfigurationsStartingWith(excludedPrefix),
                        // This project's limit and breaker.
                        "resilience.ratelimiter.instances.completions.capacity=1000000000",
                        "resilience.ratelimiter.instances.completions.rate=1000000000",
                        "resilience.ratelimiter.instances.completions.period=1s",
                        "resilience.circuitbreaker.instances.model.sliding-window-size=100",
                        // Resilience4j's, with the same settings.
                        "resilience4j.ratelimiter.instances.completions.limit-for-period=1000000000",
                        "resilience4j.ratelimiter.instances.completions.limit-refresh-period=1s",
                        "resilience4j.ratelimiter.instances.completions.timeout-duration=0",
                        "resilience4j.circuitbreaker.instances.model.sliding-window-size=100")
                .run();
    }

    /** Fails unless the bean is a proxy, so that no benchmark measures an unguarded call. */
    static void requireAdvised(Object bean) {
        if (!AopUtils.isAopProxy(bean)) {
            throw new IllegalStateException(bean.getClass().getName() + " is not advised: check the aspects");
        }
    }

    private static String autoConfigurationsStartingWith(String prefix) {
        ImportCandidates candidates =
                ImportCandidates.load(AutoConfiguration.class, BenchmarkApplication.class.getClassLoader());
        return StreamSupport.stream(candidates.spliterator(), false)
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.joining(","));
    }
}
