package dev.resilience.spring.aop;

import dev.resilience.core.ratelimit.Decision;
import dev.resilience.core.ratelimit.KeyedRateLimiter;
import dev.resilience.core.ratelimit.RateLimitConfig;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.LimitResolver;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.RateLimiterRegistry;
import dev.resilience.spring.annotation.RateLimited;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;

/**
 * The advice behind {@link RateLimited}: evaluates each limit's key, cost and tier, takes the
 * permits from the core limiter, and rejects the call with a {@link RateLimitExceededException}
 * (or answers with the fallback) when any limit has too few.
 *
 * <p>Several limits on one method are all-or-nothing: they are charged in declaration order and,
 * when one rejects, the permits already taken from the earlier ones are refunded. Asynchronous
 * methods get the rejection as a failed future or error signal; Reactor types are charged on
 * subscription. A granted call that must wait (a configured maximum wait) parks a synchronous
 * caller for that long; an asynchronous call is started that much later instead, on a delayed
 * executor or a Reactor timer, so the caller's thread is never parked.
 */
public final class RateLimitInterceptor implements MethodInterceptor {

    private static final Logger logger = LoggerFactory.getLogger(RateLimitInterceptor.class);

    private final RateLimiterRegistry registry;

    private final LimitResolver resolver;

    private final CallObservers observers;

    private final PlanCache<MethodLimits> plans;

    /**
     * Creates the advice.
     *
     * @param registry the limiters
     * @param resolver supplies limits per key at call time, or {@code null}
     * @param observers told of each decision
     */
    public RateLimitInterceptor(RateLimiterRegistry registry, LimitResolver resolver, List<CallObserver> observers) {
        this.registry = registry;
        this.resolver = resolver;
        this.observers = new CallObservers(observers);
        this.plans = new PlanCache<>(new LimitPlanner(registry)::plan);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        MethodLimits limits = plan(invocation.getMethod(), AopUtils.getTargetClass(invocation.getThis()));
        if (limits.isEmpty()) {
            return invocation.proceed();
        }
        Object[] arguments = invocation.getArguments();
        return switch (limits.kind()) {
            case MONO, FLUX ->
                ReactorResults.limit(
                        limits,
                        invocation,
                        extra -> acquireAll(limits.limits(), arguments, extra),
                        RateLimitInterceptor::reconcile);
            case COMPLETION_STAGE -> invokeStage(limits, invocation, arguments);
            case SYNC -> invokeSync(limits, invocation, arguments);
        };
    }

    /** The limits of {@code method} on {@code targetClass}, worked out and checked on first use. */
    MethodLimits plan(Method method, Class<?> targetClass) {
        return plans.get(method, targetClass);
    }

    private Object invokeSync(MethodLimits limits, MethodInvocation invocation, Object[] arguments) throws Throwable {
        Acquisition acquisition = acquireAll(limits.limits(), arguments, null);
        if (acquisition.rejection() != null) {
            if (limits.fallback() == null) {
                throw acquisition.rejection();
            }
            return limits.fallback().invoke(invocation.getThis(), arguments, acquisition.rejection());
        }
        if (acquisition.waitNanos() > 0) {
            park(acquisition.waitNanos());
        }
        Object result = invocation.proceed();
        reconcile(acquisition, result);
        return result;
    }

    private Object invokeStage(MethodLimits limits, MethodInvocation invocation, Object[] arguments) throws Throwable {
        Acquisition acquisition = acquireAll(limits.limits(), arguments, null);
        if (acquisition.rejection() != null) {
            if (limits.fallback() == null) {
                return CompletableFuture.failedFuture(acquisition.rejection());
            }
            CompletableFuture<Object> answer = new CompletableFuture<>();
            try {
                CircuitBreakerInterceptor.pipe(
                        (CompletionStage<?>)
                                limits.fallback().invoke(invocation.getThis(), arguments, acquisition.rejection()),
                        answer);
            } catch (Throwable ex) {
                answer.completeExceptionally(ex);
            }
            return answer;
        }
        if (acquisition.waitNanos() > 0) {
            return proceedLater(invocation, acquisition);
        }
        return reconciled(invocation.proceed(), acquisition);
    }

    /** Starts the call after its wait on another thread; the caller's thread is never parked. */
    private static CompletableFuture<Object> proceedLater(MethodInvocation invocation, Acquisition acquisition) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Executor later = CompletableFuture.delayedExecutor(acquisition.waitNanos(), TimeUnit.NANOSECONDS);
        later.execute(() -> {
            try {
                Object result = reconciled(invocation.proceed(), acquisition);
                if (result instanceof CompletionStage<?> stage) {
                    CircuitBreakerInterceptor.pipe(stage, answer);
                } else {
                    answer.complete(result);
                }
            } catch (Throwable ex) {
                answer.completeExceptionally(ex);
            }
        });
        return answer;
    }

    private static Object reconciled(Object result, Acquisition acquisition) {
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((value, error) -> {
                if (error == null) {
                    reconcile(acquisition, value);
                }
            });
        }
        return result;
    }

    /**
     * Takes the permits of every limit, all-or-nothing.
     *
     * @param extra an observer for this call only (from the subscriber's Reactor context), or
     *     {@code null}
     */
    private Acquisition acquireAll(List<LimitPlan> limits, Object[] arguments, CallObserver extra) {
        if (limits.size() == 1 && limits.get(0).actualCost() == null) {
            return acquireOne(limits, arguments, extra);
        }
        KeyedRateLimiter[] limiters = new KeyedRateLimiter[limits.size()];
        String[] keys = new String[limits.size()];
        long[] costs = new long[limits.size()];
        long waitNanos = 0;
        String waiting = null;
        for (int i = 0; i < limits.size(); i++) {
            LimitPlan limit = limits.get(i);
            keys[i] = keyOf(limit, arguments);
            String tier = tierOf(limit, arguments);
            if (limit.tiered() != null) {
                // Metrics are tagged with a configured tier, never with raw caller input.
                tier = limit.tiered().resolve(tier);
            }
            limiters[i] = limiterFor(limit, keys[i], tier);
            costs[i] = costOf(limit, arguments);
            if (costs[i] == 0) {
                continue;
            }
            Decision decision = limiters[i].tryAcquire(keys[i], costs[i]);
            observers.rateLimit(limiters[i].name(), tier, decision);
            if (extra != null) {
                CallObservers.tell(extra, limiters[i].name(), tier, decision);
            }
            if (!decision.allowed()) {
                // All or nothing: give back what the earlier limits granted to this call.
                for (int j = 0; j < i; j++) {
                    if (costs[j] > 0) {
                        limiters[j].adjust(keys[j], -costs[j]);
                    }
                }
                RateLimitExceededException rejection =
                        new RateLimitExceededException(limiters[i].name(), decision, limiters[i].config());
                return new Acquisition(limits, limiters, keys, costs, rejection, 0);
            }
            if (decision.waitNanos() > waitNanos) {
                waitNanos = decision.waitNanos();
                waiting = limiters[i].name();
            }
        }
        if (waitNanos > 0) {
            observers.rateLimitWait(waiting, waitNanos);
        }
        return new Acquisition(limits, limiters, keys, costs, null, waitNanos);
    }

    /**
     * The common case of one limit with no cost to reconcile afterwards: nothing needs to be
     * remembered about a granted call, so a grant allocates no {@link Acquisition}.
     */
    private Acquisition acquireOne(List<LimitPlan> limits, Object[] arguments, CallObserver extra) {
        LimitPlan limit = limits.get(0);
        String key = keyOf(limit, arguments);
        String tier = tierOf(limit, arguments);
        if (limit.tiered() != null) {
            // Metrics are tagged with a configured tier, never with raw caller input.
            tier = limit.tiered().resolve(tier);
        }
        KeyedRateLimiter limiter = limiterFor(limit, key, tier);
        long cost = costOf(limit, arguments);
        if (cost == 0) {
            return Acquisition.NOTHING_TO_RECONCILE;
        }
        Decision decision = limiter.tryAcquire(key, cost);
        observers.rateLimit(limiter.name(), tier, decision);
        if (extra != null) {
            CallObservers.tell(extra, limiter.name(), tier, decision);
        }
        if (!decision.allowed()) {
            RateLimitExceededException rejection =
                    new RateLimitExceededException(limiter.name(), decision, limiter.config());
            return new Acquisition(
                    limits, new KeyedRateLimiter[] {limiter}, new String[] {key}, new long[] {cost}, rejection, 0);
        }
        if (decision.waitNanos() > 0) {
            observers.rateLimitWait(limiter.name(), decision.waitNanos());
            return Acquisition.waiting(decision.waitNanos());
        }
        return Acquisition.NOTHING_TO_RECONCILE;
    }

    private static String tierOf(LimitPlan limit, Object[] arguments) {
        if (limit.tier() == null) {
            return null;
        }
        Object value = limit.tier().evaluate(arguments, null);
        return value != null ? value.toString() : null;
    }

    private KeyedRateLimiter limiterFor(LimitPlan limit, String key, String tier) {
        if (limit.tiered() != null) {
            return limit.tiered().forTier(tier);
        }
        if (resolver == null) {
            return limit.limiter();
        }
        RateLimitConfig config = resolver.resolve(limit.limiter().name(), key, tier);
        return config == null
                ? limit.limiter()
                : registry.variant(limit.limiter().name(), config);
    }

    /**
     * Charges or refunds the difference between each limit's real cost, evaluated over the
     * call's result, and the permits taken before the call.
     */
    static void reconcile(Acquisition acquisition, Object result) {
        List<LimitPlan> limits = acquisition.limits();
        for (int i = 0; i < limits.size(); i++) {
            LimitPlan limit = limits.get(i);
            if (limit.actualCost() == null) {
                continue;
            }
            Object actual;
            try {
                actual = limit.actualCost().evaluate(new Object[0], result);
            } catch (IllegalArgumentException ex) {
                logger.warn(
                        "Rate limiter '{}' kept the estimated cost: {}",
                        limit.limiter().name(),
                        ex.getMessage());
                continue;
            }
            if (!(actual instanceof Number number) || number.longValue() < 0) {
                logger.warn(
                        "Rate limiter '{}' kept the estimated cost: actualCost '{}' gave {}, not a number of at"
                                + " least 0",
                        limit.limiter().name(),
                        limit.actualCost().text(),
                        actual);
                continue;
            }
            long delta = number.longValue() - acquisition.costs()[i];
            if (delta != 0) {
                acquisition.limiters()[i].adjust(acquisition.keys()[i], delta);
            }
        }
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

    private static void park(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
