package dev.resilience.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** HTTP mapping of rejected calls, under {@code resilience.web}. */
@ConfigurationProperties("resilience.web")
public class ResilienceWebProperties {

    /**
     * Whether rejected calls become {@code 429} and {@code 503} problem responses; switch off to
     * handle {@code RateLimitExceededException} and {@code CallNotPermittedException} yourself.
     */
    private boolean enabled = true;

    /** Whether {@code 429} responses carry the IETF {@code RateLimit} and {@code RateLimit-Policy} fields. */
    private boolean rateLimitHeaders = true;

    /**
     * Whether responses of permitted calls carry the {@code RateLimit} and {@code
     * RateLimit-Policy} fields too: in Spring MVC, and in WebFlux for {@code Mono} and {@code
     * Flux} methods.
     */
    private boolean headersOnPermitted = false;

    public boolean isHeadersOnPermitted() {
        return headersOnPermitted;
    }

    public void setHeadersOnPermitted(boolean headersOnPermitted) {
        this.headersOnPermitted = headersOnPermitted;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRateLimitHeaders() {
        return rateLimitHeaders;
    }

    public void setRateLimitHeaders(boolean rateLimitHeaders) {
        this.rateLimitHeaders = rateLimitHeaders;
    }
}
