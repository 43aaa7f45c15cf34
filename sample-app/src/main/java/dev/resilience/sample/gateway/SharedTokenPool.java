package dev.resilience.sample.gateway;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import java.util.Map;

/**
 * One token budget shared by every tenant, of which some tiers must leave a reserve untouched:
 * when free traffic drains the pool down to the free tier's reserve, free calls are refused
 * while premium calls keep drawing on the reserve.
 *
 * <p>The pool is the limit {@value #NAME} (configured under {@code
 * resilience.ratelimiter.instances.shared-tokens}); the reserves are {@code
 * gateway.pool-reserves.<tier>}, in tokens. A call of a tier with a reserve asks the pool for its
 * estimate plus the reserve and gives the reserve back at once; between the two steps other
 * callers see the pool lower than it is, never higher, so nothing is over-admitted. After the
 * call the estimate is settled with the real usage, as the per-tenant limits do.
 */
public class SharedTokenPool {

    /** The name of the pool's limit. */
    public static final String NAME = "shared-tokens";

    private static final String KEY = "";

    private final KeyedRateLimiter pool;
    private final Map<String, Long> reserves;

    /** Creates the pool over the starter's limit {@value #NAME} with reserves by tier. */
    public SharedTokenPool(RateLimiterRegistry limiters, Map<String, Long> reserves) {
        this.pool = limiters.get(NAME);
        this.reserves = Map.copyOf(reserves);
        reserves.forEach((tier, reserve) -> {
            if (reserve < 0 || reserve >= pool.config().capacity()) {
                throw new IllegalStateException("gateway.pool-reserves." + tier + " must be from 0 to "
                        + (pool.config().capacity() - 1) + " (below the capacity of " + NAME + "); got "
                        + reserve);
            }
        });
    }

    /**
     * Takes {@code tokens} for a call of {@code tier}, leaving the tier's reserve untouched.
     *
     * @throws RateLimitExceededException when the pool, less the reserve, holds too few tokens
     */
    public void acquire(String tier, long tokens) {
        long reserve = reserves.getOrDefault(tier, 0L);
        Decision decision = pool.tryAcquire(KEY, tokens + reserve);
        if (!decision.allowed()) {
            throw new RateLimitExceededException(NAME, decision, pool.config());
        }
        if (reserve > 0) {
            pool.adjust(KEY, -reserve);
        }
    }

    /** Settles an earlier acquisition of {@code charged} tokens with the {@code actual} usage. */
    public void settle(long charged, long actual) {
        if (actual != charged) {
            pool.adjust(KEY, actual - charged);
        }
    }
}
