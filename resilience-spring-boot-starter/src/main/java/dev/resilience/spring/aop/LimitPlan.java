package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.spring.TieredLimit;

/**
 * What the rate limiting advice does for one {@code @RateLimited} annotation of a method, worked
 * out once.
 *
 * @param limiter the limiter charged, unless a limit resolver picks another for the key
 * @param key the key expression, or {@code null} for one key shared by every caller
 * @param cost the cost expression, or {@code null} when the cost is static
 * @param staticCost the cost when {@code cost} is {@code null}
 * @param actualCost the expression for the real cost over {@code #result}, or {@code null}
 * @param tier the tier expression, or {@code null}
 * @param tiered the tiers the tier expression selects from, or {@code null} for an untiered limit
 */
record LimitPlan(
        KeyedRateLimiter limiter,
        ArgumentExpression key,
        ArgumentExpression cost,
        long staticCost,
        ArgumentExpression actualCost,
        ArgumentExpression tier,
        TieredLimit tiered) {}
