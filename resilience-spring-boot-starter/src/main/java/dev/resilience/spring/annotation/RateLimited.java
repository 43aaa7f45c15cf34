package dev.resilience.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often the annotated method may be called, per key.
 *
 * <p>Each call evaluates {@link #key()} and {@link #cost()} and takes that many permits from the
 * key's bucket of the limiter named {@link #name()}. When the bucket holds too few, the method is
 * not invoked and the call fails with {@link dev.resilience.spring.RateLimitExceededException}
 * (for web requests: {@code 429 Too Many Requests} with {@code Retry-After}); methods returning
 * {@code CompletionStage} or Reactor types get the rejection as a failed future or error signal.
 *
 * <p>The numeric attributes are defaults: properties under {@code
 * resilience.ratelimiter.instances.<name>} override them, setting by setting. On a type, the
 * annotation applies to every public method; it is honoured on interface methods too. The
 * annotation is repeatable: all limits must grant their permits or none is charged.
 *
 * <p>Key and cost expressions are parsed once per method and evaluated in a restricted SpEL
 * context: arguments are available by name ({@code #request}) and position ({@code #p0}, {@code
 * #a0}), and their properties can be read ({@code #request.tenant}), but no methods can be
 * invoked on arbitrary types, no types referenced and nothing assigned.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(RateLimited.List.class)
public @interface RateLimited {

    /** The limiter's name, as used in configuration, metrics and HTTP headers. */
    String name();

    /**
     * SpEL expression for the key whose bucket is charged, for example {@code #request.tenant}.
     * Empty (the default) means one bucket shared by every caller. A key that evaluates to
     * {@code null} is charged to the bucket of the empty key.
     */
    String key() default "";

    /**
     * Permits that come back per {@link #period()}; 0 (the default) leaves it to configuration,
     * or to the capacity when only that is set.
     */
    long rate() default 0;

    /**
     * Most permits available at once (the burst); 0 (the default) leaves it to configuration, or
     * to the rate when only that is set.
     */
    long capacity() default 0;

    /**
     * The period over which {@link #rate()} permits come back, in Spring's duration syntax
     * ({@code 1s}, {@code 500ms}, {@code PT1M}); empty (the default) leaves it to configuration,
     * which defaults to one second.
     */
    String period() default "";

    /**
     * SpEL expression for the permits one call costs, for example {@code #request.maxTokens};
     * evaluated like {@link #key()}. Empty (the default) costs one permit. A static cost above
     * the capacity stops the application at startup.
     */
    String cost() default "";

    /**
     * The algorithm enforcing the limit: {@code token-bucket}, {@code leaky-bucket}, {@code
     * fixed-window} or {@code sliding-window}; empty (the default) leaves it to configuration,
     * which defaults to the token bucket.
     */
    String algorithm() default "";

    /**
     * SpEL expression for the caller's tier, for example {@code #request.plan}; evaluated like
     * {@link #key()} and handed to the application's {@link dev.resilience.spring.LimitResolver},
     * which may return a different limit per tier. Empty (the default) means no tier.
     */
    String tier() default "";

    /**
     * Name of the method that answers instead when the limit rejects the call, resolved like
     * {@link CircuitBreaker#fallbackMethod()} (an exception parameter receives the {@link
     * dev.resilience.spring.RateLimitExceededException}). With several limits on one method, the
     * first non-empty one applies. Empty (the default) means the rejection propagates.
     */
    String fallbackMethod() default "";

    /**
     * SpEL expression for the real cost of a call, known once it has returned, for example
     * {@code #result.usage.totalTokens}; evaluated like {@link #key()} with the return value as
     * {@code #result} (the value a {@code CompletionStage} or {@code Mono} completes with). The
     * difference from {@link #cost()} is refunded or charged to the same key, so that estimates
     * are reconciled with what calls really cost. Empty (the default) keeps the estimate. Calls
     * that fail keep their estimated cost. Not supported on methods returning a {@code Flux}.
     */
    String actualCost() default "";

    /** Holds several {@link RateLimited} annotations on one element. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {

        /** The limits, all of which must grant their permits. */
        RateLimited[] value();
    }
}
