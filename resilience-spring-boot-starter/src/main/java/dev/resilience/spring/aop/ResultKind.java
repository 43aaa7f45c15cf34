package dev.resilience.spring.aop;

import java.util.concurrent.CompletionStage;
import org.springframework.util.ClassUtils;

/** How the outcome of a guarded method arrives: on return, or later through its result. */
enum ResultKind {
    /** The outcome is known when the method returns or throws. */
    SYNC,
    /** A {@code CompletionStage} (or {@code CompletableFuture}) completes later. */
    COMPLETION_STAGE,
    /** A Reactor {@code Mono}: lazy, its outcome is its terminal signal after subscription. */
    MONO,
    /** A Reactor {@code Flux}: lazy, its outcome is its terminal signal after subscription. */
    FLUX;

    private static final boolean REACTOR_PRESENT =
            ClassUtils.isPresent("reactor.core.publisher.Mono", ResultKind.class.getClassLoader());

    /** The kind of outcome a method declaring {@code returnType} has. */
    static ResultKind of(Class<?> returnType) {
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return COMPLETION_STAGE;
        }
        if (REACTOR_PRESENT) {
            if (ReactorResults.isMono(returnType)) {
                return MONO;
            }
            if (ReactorResults.isFlux(returnType)) {
                return FLUX;
            }
        }
        return SYNC;
    }

    /** Whether the outcome arrives after the method returns. */
    boolean isAsync() {
        return this != SYNC;
    }
}
