package dev.resilience.spring.autoconfigure;

import dev.resilience.spring.aop.GuardedMethodDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by an annotated method that cannot be guarded as declared:
 * the description names the method and what is wrong, the action says what to change.
 */
final class GuardedMethodFailureAnalyzer extends AbstractFailureAnalyzer<GuardedMethodDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GuardedMethodDefinitionException cause) {
        return new FailureAnalysis(
                "A resilience annotation on " + cause.getMethod() + " cannot be applied:\n\n    " + cause.getMessage(),
                cause.getAction(),
                cause);
    }
}
