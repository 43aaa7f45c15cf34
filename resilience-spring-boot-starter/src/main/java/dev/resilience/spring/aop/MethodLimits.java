package dev.resilience.spring.aop;

import java.util.List;

/**
 * Every limit of one method, with the fallback for rejections, worked out once.
 *
 * @param limits the limits in declaration order, all of which must grant permits
 * @param fallback the fallback for rejections, or {@code null}
 * @param kind how the method's outcome arrives
 */
record MethodLimits(List<LimitPlan> limits, FallbackMethods fallback, ResultKind kind) {

    /** A method without limits. */
    static final MethodLimits NONE = new MethodLimits(List.of(), null, ResultKind.SYNC);

    boolean isEmpty() {
        return limits.isEmpty();
    }
}
