package dev.resilience.spring.web;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.RateLimiterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Adds the {@code RateLimit} and {@code RateLimit-Policy} fields to WebFlux responses of
 * permitted calls, when {@code resilience.web.headers-on-permitted=true}: the WebFlux
 * counterpart of {@link PermittedRateLimitHeaders}.
 *
 * <p>It puts a {@link CallObserver} for the exchange into the Reactor context of the request, and
 * limited {@code Mono} and {@code Flux} methods tell it their decisions when they are subscribed
 * within that request. Methods returning a {@code CompletionStage} see no Reactor context, so
 * their responses carry no fields. With several limits on one call, the last one decides.
 */
public final class PermittedRateLimitWebFilter implements WebFilter {

    private final RateLimiterRegistry limiters;

    /** Creates the filter; {@code limiters} supplies the policies. */
    public PermittedRateLimitWebFilter(RateLimiterRegistry limiters) {
        this.limiters = limiters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CallObserver writer = new HeaderWriter(exchange, limiters);
        return chain.filter(exchange).contextWrite(context -> context.put(CallObserver.class, writer));
    }

    /** Writes the fields of permitted decisions to one exchange's response, until it is committed. */
    private record HeaderWriter(ServerWebExchange exchange, RateLimiterRegistry limiters) implements CallObserver {

        @Override
        public void onRateLimit(String limiter, String tier, Decision decision) {
            if (!decision.allowed() || exchange.getResponse().isCommitted()) {
                return;
            }
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(RateLimitHeaders.RATE_LIMIT, RateLimitHeaders.rateLimit(limiter, decision));
            if (limiters.contains(limiter)) {
                headers.set(
                        RateLimitHeaders.RATE_LIMIT_POLICY,
                        RateLimitHeaders.policy(limiter, limiters.get(limiter).config()));
            }
        }
    }
}
