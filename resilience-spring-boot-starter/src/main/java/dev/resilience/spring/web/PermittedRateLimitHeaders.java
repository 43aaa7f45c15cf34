package dev.resilience.spring.web;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.RateLimiterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Adds the {@code RateLimit} and {@code RateLimit-Policy} fields to Spring MVC responses of
 * permitted calls, when {@code resilience.web.headers-on-permitted=true}. It writes to the
 * response of the request being served on the calling thread, so it applies to limits checked
 * while a servlet request is handled; with several limits on one call, the last one decides the
 * fields.
 */
public final class PermittedRateLimitHeaders implements CallObserver {

    private final RateLimiterRegistry limiters;

    /** Creates the writer; {@code limiters} supplies the policies. */
    public PermittedRateLimitHeaders(RateLimiterRegistry limiters) {
        this.limiters = limiters;
    }

    @Override
    public void onRateLimit(String limiter, String tier, Decision decision) {
        if (!decision.allowed()) {
            return;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        HttpServletResponse response = servlet.getResponse();
        if (response == null || response.isCommitted()) {
            return;
        }
        response.setHeader(RateLimitHeaders.RATE_LIMIT, RateLimitHeaders.rateLimit(limiter, decision));
        if (limiters.contains(limiter)) {
            response.setHeader(
                    RateLimitHeaders.RATE_LIMIT_POLICY,
                    RateLimitHeaders.policy(limiter, limiters.get(limiter).config()));
        }
    }
}
