package dev.resilience.spring.aop;

/**
 * Thrown at startup when an annotated method cannot be guarded as declared: a fallback that does
 * not fit, an expression that does not parse, a static cost no limit can ever grant.
 */
public class GuardedMethodDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param method the annotated method, as {@code Class.method(Parameters)}
     * @param problem what is wrong, in a sentence
     * @param action what to change
     */
    public GuardedMethodDefinitionException(String method, String problem, String action) {
        super(problem);
        this.method = method;
        this.action = action;
    }

    /** The annotated method, as {@code Class.method(Parameters)}. */
    public String getMethod() {
        return method;
    }

    /** What to change. */
    public String getAction() {
        return action;
    }
}
