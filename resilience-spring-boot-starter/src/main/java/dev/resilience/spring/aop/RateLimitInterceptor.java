package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.RateLimitDefaults;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.RateLimited;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodClassKey;

/**
 * The advice behind {@link RateLimited}: evaluates each limit's key and cost, takes the permits
 * from the core limiter, and rejects the call with a {@link RateLimitExceededException} when any
 * limit has too few.
 *
 * <p>Several limits on one method are all-or-nothing: they are charged in declaration order and,
 * when one rejects, the permits already taken from the earlier ones are refunded. Asynchronous
 * methods get the rejection as a failed future or error signal; Reactor types are charged on
 * subscription. A caller is parked only when a limit has a configured maximum wait.
 */
public final class RateLimitInterceptor implements MethodInterceptor {

    private final RateLimiterRegistry registry;

    private final Map<MethodClassKey, List<LimitPlan>> plans = new ConcurrentHashMap<>();

    /** Creates the advice over the given limiters. */
    public RateLimitInterceptor(RateLimiterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        List<LimitPlan> limits = plan(invocation.getMethod(), AopUtils.getTargetClass(invocation.getThis()));
        if (limits.isEmpty()) {
            return invocation.proceed();
        }
        ResultKind kind = ResultKind.of(invocation.getMethod().getReturnType());
        Object[] arguments = invocation.getArguments();
        if (kind == ResultKind.MONO || kind == ResultKind.FLUX) {
            return ReactorResults.limit(kind, invocation, () -> acquireAll(limits, arguments));
        }
        RateLimitExceededException rejection = acquireAll(limits, arguments);
        if (rejection != null) {
            if (kind == ResultKind.COMPLETION_STAGE) {
                return CompletableFuture.failedFuture(rejection);
            }
            throw rejection;
        }
        return invocation.proceed();
    }

    /** The limits of {@code method} on {@code targetClass}, worked out and checked on first use. */
    List<LimitPlan> plan(Method method, Class<?> targetClass) {
        return plans.computeIfAbsent(new MethodClassKey(method, targetClass), key -> createPlan(method, targetClass));
    }

    private List<LimitPlan> createPlan(Method method, Class<?> targetClass) {
        List<RateLimited> annotations = AnnotatedMethods.find(method, targetClass, RateLimited.class);
        List<LimitPlan> limits = new ArrayList<>(annotations.size());
        for (RateLimited annotation : annotations) {
            limits.add(planOf(annotation, method));
        }
        return List.copyOf(limits);
    }

    private LimitPlan planOf(RateLimited annotation, Method method) {
        String described = AnnotatedMethods.describe(method);
        KeyedRateLimiter limiter = registry.get(annotation.name(), defaultsOf(annotation, described));
        ArgumentExpression key =
                annotation.key().isBlank() ? null : ArgumentExpression.parse(annotation.key(), method, "key");
        String costText = annotation.cost().trim();
        if (costText.isEmpty() || isLong(costText)) {
            long cost = costText.isEmpty() ? 1 : Long.parseLong(costText);
            checkStaticCost(annotation.name(), limiter.config(), cost, described);
            return new LimitPlan(limiter, key, null, cost);
        }
        return new LimitPlan(limiter, key, ArgumentExpression.parse(costText, method, "cost"), 1);
    }

    private static RateLimitDefaults defaultsOf(RateLimited annotation, String described) {
        Duration period;
        try {
            period = annotation.period().isBlank() ? null : DurationStyle.detectAndParse(annotation.period());
        } catch (IllegalArgumentException ex) {
            throw new GuardedMethodDefinitionException(
                    described,
                    "The period '" + annotation.period() + "' of @RateLimited(name = \"" + annotation.name() + "\") on "
                            + described + " is not a duration",
                    "Write the period in Spring's duration syntax, for example 1s, 500ms, 1m or PT1M.");
        }
        return new RateLimitDefaults(
                "@RateLimited(name = \"" + annotation.name() + "\") on " + described,
                null,
                annotation.capacity() > 0 ? annotation.capacity() : null,
                annotation.rate() > 0 ? annotation.rate() : null,
                period);
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

    private static RateLimitExceededException acquireAll(List<LimitPlan> limits, Object[] arguments) {
        String[] keys = new String[limits.size()];
        long[] costs = new long[limits.size()];
        long waitNanos = 0;
        for (int i = 0; i < limits.size(); i++) {
            LimitPlan limit = limits.get(i);
            keys[i] = keyOf(limit, arguments);
            costs[i] = costOf(limit, arguments);
            if (costs[i] == 0) {
                continue;
            }
            Decision decision = limit.limiter().tryAcquire(keys[i], costs[i]);
            if (!decision.allowed()) {
                // All or nothing: give back what the earlier limits granted to this call.
                for (int j = 0; j < i; j++) {
                    if (costs[j] > 0) {
                        limits.get(j).limiter().adjust(keys[j], -costs[j]);
                    }
                }
                return new RateLimitExceededException(limit.limiter().name(), decision);
            }
            waitNanos = Math.max(waitNanos, decision.waitNanos());
        }
        if (waitNanos > 0) {
            park(waitNanos);
        }
        return null;
    }

    private static String keyOf(LimitPlan limit, Object[] arguments) {
        if (limit.key() == null) {
            return "";
        }
        Object key = limit.key().evaluate(arguments, null);
        return key != null ? key.toString() : "";
    }

    private static long costOf(LimitPlan limit, Object[] arguments) {
        if (limit.cost() == null) {
            return limit.staticCost();
        }
        Object cost = limit.cost().evaluate(arguments, null);
        if (!(cost instanceof Number number) || number.longValue() < 0) {
            throw new IllegalArgumentException(
                    "The cost expression '" + limit.cost().text() + "' of rate limiter '"
                            + limit.limiter().name() + "' gave " + cost + "; it must give a number of at least 0");
        }
        return number.longValue();
    }

    private static boolean isLong(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private static void park(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
