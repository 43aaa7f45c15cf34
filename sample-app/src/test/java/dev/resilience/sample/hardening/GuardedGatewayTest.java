package dev.resilience.sample.hardening;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The guarded gateway on random loopback ports, with the limits and breaker settings the load
 * and fault tests compute their bounds from. Every test class using it shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience.ratelimiter.instances.tenant-requests.capacity=2",
            "resilience.ratelimiter.instances.tenant-requests.rate=1",
            "resilience.ratelimiter.instances.tenant-requests.period=1s",
            "resilience.circuitbreaker.instances.large-model.sliding-window-size=20",
            "resilience.circuitbreaker.instances.large-model.minimum-number-of-calls=10",
            "resilience.circuitbreaker.instances.large-model.failure-rate-threshold=50",
            "resilience.circuitbreaker.instances.large-model.wait-duration=500ms",
            "resilience.circuitbreaker.instances.large-model.permitted-calls-in-half-open-state=2",
            "gateway.model-server.read-timeout=500ms",
            "logging.level.dev.resilience=WARN"
        })
@Import(GuardedGatewayConfiguration.class)
@interface GuardedGatewayTest {}
