package dev.resilience.spring.aop;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.spring.BreakerRegistry;
import dev.resilience.spring.CallNotPermittedException;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.CallObserver.CallOutcome;
import dev.resilience.spring.RateLimitExceededException;
import dev.resilience.spring.annotation.CircuitBreaker;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/**
 * The advice behind {@link CircuitBreaker}: asks the breaker for permission, runs the call,
 * reports its outcome, and answers with the fallback when the call fails or is not permitted.
 *
 * <p>A {@link RateLimitExceededException} from an inner limit is neither a success nor a failure:
 * the breaker's permission is released and the rejection propagates without a fallback. Methods
 * returning a {@code CompletionStage} are recorded when the stage completes, and a rejection
 * arrives as a failed future rather than a thrown exception.
 */
public final class CircuitBreakerInterceptor implements MethodInterceptor {

    private static final Optional<BreakerPlan> UNGUARDED = Optional.empty();

    private final BreakerRegistry registry;

    private final CallObservers observers;

    private final PlanCache<Optional<BreakerPlan>> plans = new PlanCache<>(this::createPlan);

    /** Creates the advice over the given breakers, telling {@code observers} each outcome. */
    public CircuitBreakerInterceptor(BreakerRegistry registry, List<CallObserver> observers) {
        this.registry = registry;
        this.observers = new CallObservers(observers);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Optional<BreakerPlan> found = plan(invocation.getMethod(), AopUtils.getTargetClass(target));
        if (found.isEmpty()) {
            return invocation.proceed();
        }
        BreakerPlan plan = found.get();
        return switch (plan.kind()) {
            case SYNC -> invokeSync(plan, invocation);
            case COMPLETION_STAGE -> invokeStage(plan, invocation);
            case MONO, FLUX -> ReactorResults.guard(plan, invocation, observers);
        };
    }

    /**
     * The plan for {@code method} on {@code targetClass}, worked out and checked on first use
     * (at startup, for beans the validator sees).
     */
    Optional<BreakerPlan> plan(Method method, Class<?> targetClass) {
        return plans.get(method, targetClass);
    }

    private Optional<BreakerPlan> createPlan(Method method, Class<?> targetClass) {
        List<CircuitBreaker> annotations = AnnotatedMethods.find(method, targetClass, CircuitBreaker.class);
        if (annotations.isEmpty()) {
            return UNGUARDED;
        }
        CircuitBreaker annotation = annotations.get(0);
        if (AnnotatedMethods.isTypeLevelFallback(
                method, targetClass, CircuitBreaker.class, List.of(annotation.fallbackMethod()))) {
            return UNGUARDED;
        }
        FallbackMethods fallback = annotation.fallbackMethod().isEmpty()
                ? null
                : FallbackResolver.resolve(targetClass, method, annotation.fallbackMethod());
        Breaker breaker = registry.get(annotation.name());
        return Optional.of(new BreakerPlan(breaker, fallback, ResultKind.of(method.getReturnType())));
    }

    private Object invokeSync(BreakerPlan plan, MethodInvocation invocation) throws Throwable {
        Breaker breaker = plan.breaker();
        Permission permission = breaker.tryAcquirePermission();
        if (!permission.permitted()) {
            observers.breakerCall(breaker.name(), CallOutcome.NOT_PERMITTED);
            return recover(plan, invocation, rejection(breaker, permission));
        }
        long start = breaker.startTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (RateLimitExceededException ex) {
            breaker.release(permission);
            throw ex;
        } catch (Throwable ex) {
            breaker.onFailure(permission, start, ex);
            observers.breakerCall(breaker.name(), CallOutcome.ERROR);
            return recover(plan, invocation, ex);
        }
        breaker.onSuccess(permission, start);
        observers.breakerCall(breaker.name(), CallOutcome.SUCCESS);
        return result;
    }

    private Object invokeStage(BreakerPlan plan, MethodInvocation invocation) {
        Breaker breaker = plan.breaker();
        Permission permission = breaker.tryAcquirePermission();
        if (!permission.permitted()) {
            observers.breakerCall(breaker.name(), CallOutcome.NOT_PERMITTED);
            CompletableFuture<Object> answer = new CompletableFuture<>();
            pipe(recoverStage(plan, invocation, rejection(breaker, permission)), answer);
            return answer;
        }
        long start = breaker.startTime();
        CompletionStage<?> stage;
        try {
            stage = (CompletionStage<?>) invocation.proceed();
        } catch (Throwable ex) {
            stage = CompletableFuture.failedFuture(ex);
        }
        if (stage == null) {
            breaker.onSuccess(permission, start);
            observers.breakerCall(breaker.name(), CallOutcome.SUCCESS);
            return null;
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                breaker.onSuccess(permission, start);
                observers.breakerCall(breaker.name(), CallOutcome.SUCCESS);
                outcome.complete(value);
                return;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof RateLimitExceededException) {
                breaker.release(permission);
                outcome.completeExceptionally(cause);
                return;
            }
            breaker.onFailure(permission, start, cause);
            observers.breakerCall(breaker.name(), CallOutcome.ERROR);
            pipe(recoverStage(plan, invocation, cause), outcome);
        });
        return outcome;
    }

    static CallNotPermittedException rejection(Breaker breaker, Permission permission) {
        return new CallNotPermittedException(breaker.name(), permission.state(), permission.retryAfterNanos());
    }

    private static Object recover(BreakerPlan plan, MethodInvocation invocation, Throwable failure) throws Throwable {
        if (plan.fallback() == null) {
            throw failure;
        }
        return plan.fallback().invoke(invocation.getThis(), invocation.getArguments(), failure);
    }

    private static CompletionStage<?> recoverStage(BreakerPlan plan, MethodInvocation invocation, Throwable failure) {
        try {
            return (CompletionStage<?>) recover(plan, invocation, failure);
        } catch (Throwable ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Completes {@code to} like {@code from}, so that any stage a fallback returns reaches the
     * caller as a {@code CompletableFuture}, which every declared stage type accepts.
     */
    static void pipe(CompletionStage<?> from, CompletableFuture<Object> to) {
        if (from == null) {
            to.complete(null);
            return;
        }
        from.whenComplete((value, error) -> {
            if (error == null) {
                to.complete(value);
            } else {
                to.completeExceptionally(unwrap(error));
            }
        });
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
