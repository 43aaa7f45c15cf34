package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.Algorithm;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.RateLimitDefaults;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.TieredLimit;
import dev.resilience.spring.annotation.RateLimited;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.convert.DurationStyle;

/**
 * Works out the limits of an annotated method once: the limiter of each annotation (its values
 * overridden by configuration), the parsed expressions, the fallback, and the checks that can be
 * made before any call.
 */
final class LimitPlanner {

    private final RateLimiterRegistry registry;

    LimitPlanner(RateLimiterRegistry registry) {
        this.registry = registry;
    }

    MethodLimits plan(Method method, Class<?> targetClass) {
        List<RateLimited> annotations = AnnotatedMethods.find(method, targetClass, RateLimited.class);
        if (annotations.isEmpty() || isTypeLevelFallback(method, targetClass, annotations)) {
            return MethodLimits.NONE;
        }
        List<LimitPlan> limits = new ArrayList<>(annotations.size());
        String fallbackName = "";
        for (RateLimited annotation : annotations) {
            limits.add(planOf(annotation, method));
            if (fallbackName.isEmpty()) {
                fallbackName = annotation.fallbackMethod();
            }
        }
        FallbackMethods fallback =
                fallbackName.isEmpty() ? null : FallbackResolver.resolve(targetClass, method, fallbackName);
        return new MethodLimits(List.copyOf(limits), fallback, ResultKind.of(method.getReturnType()));
    }

    /** A type-level annotation also covers its own public fallbacks: they are not limited. */
    private static boolean isTypeLevelFallback(Method method, Class<?> targetClass, List<RateLimited> annotations) {
        List<String> fallbacks =
                annotations.stream().map(RateLimited::fallbackMethod).toList();
        return AnnotatedMethods.isTypeLevelFallback(method, targetClass, RateLimited.class, fallbacks);
    }

    private LimitPlan planOf(RateLimited annotation, Method method) {
        String described = AnnotatedMethods.describe(method);
        KeyedRateLimiter limiter = registry.get(annotation.name(), defaultsOf(annotation, described));
        ArgumentExpression key = optional(annotation.key(), method, "key");
        ArgumentExpression tier = optional(annotation.tier(), method, "tier");
        TieredLimit tiered = registry.tiered(annotation.name());
        if (tiered != null && tier == null && tiered.defaultTier() == null) {
            throw new GuardedMethodDefinitionException(
                    described,
                    "@RateLimited(name = \"" + annotation.name() + "\") on " + described + " has no tier expression,"
                            + " but resilience.ratelimiter.instances." + annotation.name() + " has tiers "
                            + tiered.tierNames(),
                    "Add a tier expression that gives one of " + tiered.tierNames() + ", for example tier ="
                            + " \"#tenant.tier\".");
        }
        ArgumentExpression actualCost = actualCostOf(annotation, method, described);
        String costText = annotation.cost().trim();
        if (costText.isEmpty() || isLong(costText)) {
            long cost = costText.isEmpty() ? 1 : Long.parseLong(costText);
            checkStaticCost(annotation.name(), limiter.config(), cost, described);
            return new LimitPlan(limiter, key, null, cost, actualCost, tier, tiered);
        }
        ArgumentExpression cost = ArgumentExpression.parse(costText, method, "cost");
        return new LimitPlan(limiter, key, cost, 1, actualCost, tier, tiered);
    }

    private static ArgumentExpression optional(String text, Method method, String attribute) {
        return text.isBlank() ? null : ArgumentExpression.parse(text, method, attribute);
    }

    private static ArgumentExpression actualCostOf(RateLimited annotation, Method method, String described) {
        if (annotation.actualCost().isBlank()) {
            return null;
        }
        if (ResultKind.of(method.getReturnType()) == ResultKind.FLUX) {
            throw new GuardedMethodDefinitionException(
                    described,
                    "@RateLimited(name = \"" + annotation.name() + "\") on " + described
                            + " has an actualCost, which a Flux cannot supply: it has no single result",
                    "Remove actualCost, or return a Mono of the collected result.");
        }
        return ArgumentExpression.parse(annotation.actualCost(), method, "actualCost");
    }

    private static RateLimitDefaults defaultsOf(RateLimited annotation, String described) {
        String source = "@RateLimited(name = \"" + annotation.name() + "\") on " + described;
        return new RateLimitDefaults(
                source,
                algorithmOf(annotation, source),
                annotation.capacity() > 0 ? annotation.capacity() : null,
                annotation.rate() > 0 ? annotation.rate() : null,
                periodOf(annotation, source, described));
    }

    private static Algorithm algorithmOf(RateLimited annotation, String source) {
        String text = annotation.algorithm().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Algorithm.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
            throw new GuardedMethodDefinitionException(
                    source,
                    "The algorithm '" + text + "' of " + source + " is not one this library implements",
                    "Use token-bucket, leaky-bucket, fixed-window or sliding-window.");
        }
    }

    private static Duration periodOf(RateLimited annotation, String source, String described) {
        if (annotation.period().isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(annotation.period());
        } catch (IllegalArgumentException ex) {
            throw new GuardedMethodDefinitionException(
                    described,
                    "The period '" + annotation.period() + "' of " + source + " is not a duration",
                    "Write the period in Spring's duration syntax, for example 1s, 500ms, 1m or PT1M.");
        }
    }

    private static void checkStaticCost(String name, RateLimitConfig config, long cost, String described) {
        if (cost < 1 || cost > config.capacity()) {
            throw new GuardedMethodDefinitionException(
                    described,
                    "The cost " + cost + " of @RateLimited(name = \"" + name + "\") on " + described
                            + (cost < 1 ? " is below 1" : " exceeds the limit's capacity of " + config.capacity())
                            + ", so no call could ever pass",
                    "Make the cost between 1 and " + config.capacity() + ", or raise "
                            + "resilience.ratelimiter.instances." + name + ".capacity.");
        }
    }

    private static boolean isLong(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }
}
