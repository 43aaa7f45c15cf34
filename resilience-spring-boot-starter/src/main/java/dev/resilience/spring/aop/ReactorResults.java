package dev.resilience.spring.aop;

import dev.resilience.core.circuitbreaker.Breaker;
import dev.resilience.core.circuitbreaker.Permission;
import dev.resilience.spring.CallObserver;
import dev.resilience.spring.CallObserver.CallOutcome;
import dev.resilience.spring.RateLimitExceededException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Guards methods returning Reactor types. Loaded only when Reactor is on the class path.
 *
 * <p>Reactor types are lazy, so the guard runs on subscription, not on the method call:
 * permission and permits are taken for each subscriber, the outcome is recorded on the terminal
 * signal, a cancelled subscription records nothing, and a publisher that is never subscribed
 * touches no breaker or limiter. Rejections arrive as error signals.
 */
final class ReactorResults {

    private ReactorResults() {}

    static boolean isMono(Class<?> type) {
        return Mono.class.isAssignableFrom(type);
    }

    static boolean isFlux(Class<?> type) {
        return Flux.class.isAssignableFrom(type);
    }

    /** Wraps the method's publisher in the breaker of {@code plan}, with its fallback. */
    static Object guard(BreakerPlan plan, MethodInvocation invocation, CallObservers observers) {
        Publisher<?> source = assemble(invocation);
        Breaker breaker = plan.breaker();
        if (plan.kind() == ResultKind.MONO) {
            Mono<Object> guarded = Mono.defer(() -> {
                Permission permission = breaker.tryAcquirePermission();
                if (!permission.permitted()) {
                    observers.breakerCall(breaker.name(), CallOutcome.NOT_PERMITTED);
                    return Mono.error(CircuitBreakerInterceptor.rejection(breaker, permission));
                }
                Outcome outcome = new Outcome(breaker, permission, observers);
                return Mono.from(source)
                        .doOnSuccess(value -> outcome.success())
                        .doOnError(outcome::failure)
                        .doOnCancel(outcome::cancel)
                        .map(Object.class::cast);
            });
            return plan.fallback() == null
                    ? guarded
                    : guarded.onErrorResume(
                            error -> recoverable(plan, error), error -> Mono.from(fallback(plan, invocation, error)));
        }
        Flux<Object> guarded = Flux.defer(() -> {
            Permission permission = breaker.tryAcquirePermission();
            if (!permission.permitted()) {
                observers.breakerCall(breaker.name(), CallOutcome.NOT_PERMITTED);
                return Flux.error(CircuitBreakerInterceptor.rejection(breaker, permission));
            }
            Outcome outcome = new Outcome(breaker, permission, observers);
            return Flux.from(source)
                    .doOnComplete(outcome::success)
                    .doOnError(outcome::failure)
                    .doOnCancel(outcome::cancel)
                    .map(Object.class::cast);
        });
        return plan.fallback() == null
                ? guarded
                : guarded.onErrorResume(
                        error -> recoverable(plan, error), error -> Flux.from(fallback(plan, invocation, error)));
    }

    /**
     * Defers {@code acquire} to subscription: when it returns a rejection, subscribers get the
     * fallback's answer or the rejection as an error signal instead of the method's publisher; a
     * {@code Mono}'s value is handed to {@code reconcile}. A {@link CallObserver} the subscriber
     * put in its Reactor context under the key {@code CallObserver.class} is handed to {@code
     * acquire}, to be told of this call's decisions.
     */
    static Object limit(
            MethodLimits limits,
            MethodInvocation invocation,
            Function<CallObserver, Acquisition> acquire,
            BiConsumer<Acquisition, Object> reconcile) {
        Publisher<?> source = assemble(invocation);
        if (limits.kind() == ResultKind.MONO) {
            return Mono.deferContextual(context -> {
                Acquisition acquisition = acquire.apply(observerIn(context));
                if (acquisition.rejection() != null) {
                    return Mono.from(rejected(limits, invocation, acquisition.rejection()));
                }
                Mono<?> call = Mono.from(source).doOnNext(value -> reconcile.accept(acquisition, value));
                return acquisition.waitNanos() > 0
                        ? Mono.delay(Duration.ofNanos(acquisition.waitNanos())).then(call)
                        : call;
            });
        }
        return Flux.<Object>deferContextual(context -> {
            Acquisition acquisition = acquire.apply(observerIn(context));
            if (acquisition.rejection() != null) {
                return Flux.from(rejected(limits, invocation, acquisition.rejection()));
            }
            Flux<Object> call = Flux.from(source);
            return acquisition.waitNanos() > 0
                    ? Mono.delay(Duration.ofNanos(acquisition.waitNanos())).thenMany(call)
                    : call;
        });
    }

    private static CallObserver observerIn(ContextView context) {
        return context.getOrDefault(CallObserver.class, null);
    }

    private static Publisher<?> rejected(
            MethodLimits limits, MethodInvocation invocation, RateLimitExceededException rejection) {
        if (limits.fallback() == null) {
            return Mono.error(rejection);
        }
        try {
            Publisher<?> answer =
                    (Publisher<?>) limits.fallback().invoke(invocation.getThis(), invocation.getArguments(), rejection);
            return answer != null ? answer : Mono.empty();
        } catch (Throwable ex) {
            return Mono.error(ex);
        }
    }

    private static Publisher<?> assemble(MethodInvocation invocation) {
        try {
            Publisher<?> source = (Publisher<?>) invocation.proceed();
            return source != null ? source : Mono.empty();
        } catch (Throwable ex) {
            return Mono.error(ex);
        }
    }

    private static boolean recoverable(BreakerPlan plan, Throwable error) {
        return !(error instanceof RateLimitExceededException) && plan.fallback().handles(error);
    }

    private static Publisher<?> fallback(BreakerPlan plan, MethodInvocation invocation, Throwable error) {
        try {
            Publisher<?> answer =
                    (Publisher<?>) plan.fallback().invoke(invocation.getThis(), invocation.getArguments(), error);
            return answer != null ? answer : Mono.empty();
        } catch (Throwable ex) {
            return Mono.error(ex);
        }
    }

    /** Reports one subscription's outcome to the breaker exactly once. */
    private static final class Outcome {

        private final Breaker breaker;

        private final Permission permission;

        private final long start;

        private final CallObservers observers;

        private final AtomicBoolean reported = new AtomicBoolean();

        Outcome(Breaker breaker, Permission permission, CallObservers observers) {
            this.breaker = breaker;
            this.permission = permission;
            this.observers = observers;
            this.start = breaker.startTime();
        }

        void success() {
            if (reported.compareAndSet(false, true)) {
                breaker.onSuccess(permission, start);
                observers.breakerCall(breaker.name(), CallOutcome.SUCCESS);
            }
        }

        void failure(Throwable error) {
            if (reported.compareAndSet(false, true)) {
                if (error instanceof RateLimitExceededException) {
                    breaker.release(permission);
                } else {
                    breaker.onFailure(permission, start, error);
                    observers.breakerCall(breaker.name(), CallOutcome.ERROR);
                }
            }
        }

        void cancel() {
            if (reported.compareAndSet(false, true)) {
                breaker.release(permission);
            }
        }
    }
}
