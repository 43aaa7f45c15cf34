package dev.resilience.sample.hardening;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway on random loopback ports, with a tight free-tier request limit (two at once, one
 * more per second, per tenant), a bounded number of tenants per limit, a short open wait for the
 * large model's breaker and a short read timeout, so that load and fault tests see every outcome
 * within seconds and compute their bounds from these settings. Every class using it shares one
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience.ratelimiter.instances.free-requests.capacity=2",
            "resilience.ratelimiter.instances.free-requests.rate=1",
            "resilience.ratelimiter.instances.free-requests.period=1s",
            "resilience.ratelimiter.max-keys=" + GuardedGatewayTest.MAX_KEYS,
            "resilience.circuitbreaker.instances.large-model.wait-duration=500ms",
            "gateway.model-server.read-timeout=500ms",
            "logging.level.dev.resilience=WARN"
        })
@interface GuardedGatewayTest {

    /** The most tenants one limit keeps state for. */
    int MAX_KEYS = 200;

    /** The per-tenant request limit of the free tier, the tier of every unlisted tenant. */
    String TENANT_LIMIT = "free-requests";

    /** A tenant of the premium tier, whose limits fault tests never reach. */
    String PREMIUM_TENANT = "premium-1";

    /** The breaker around the large model. */
    String LARGE_MODEL = "large-model";
}
