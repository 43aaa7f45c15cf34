package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A SpEL expression over the arguments of one method, parsed once and evaluated per call.
 *
 * <p>Evaluation runs in a restricted context ({@link SimpleEvaluationContext} with read-only data
 * binding): arguments are variables by name ({@code #request}), when the class is compiled with
 * {@code -parameters}, and by position ({@code #p0}, {@code #a0}); the result of the call, where
 * one is given, is {@code #result}. Properties can be read, maps and lists indexed, but no method
 * is invoked on an arbitrary type, no type is referenced, no bean is looked up and nothing is
 * assigned, so an expression cannot reach beyond the data it is given.
 */
final class ArgumentExpression {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** Positional variable names are prepared for this many arguments. */
    private static final int POSITIONS = 16;

    private static final String[] P_NAMES = names("p");

    private static final String[] A_NAMES = names("a");

    private final String text;

    private final Expression expression;

    private final String[] parameterNames;

    private ArgumentExpression(String text, Expression expression, String[] parameterNames) {
        this.text = text;
        this.expression = expression;
        this.parameterNames = parameterNames;
    }

    /**
     * Parses {@code text}, given as {@code attribute} of an annotation on {@code method}.
     *
     * @throws GuardedMethodDefinitionException if the text does not parse
     */
    static ArgumentExpression parse(String text, Method method, String attribute) {
        try {
            String[] names = NAMES.getParameterNames(method);
            return new ArgumentExpression(text, PARSER.parseExpression(text), names != null ? names : new String[0]);
        } catch (ParseException ex) {
            String described = AnnotatedMethods.describe(method);
            throw new GuardedMethodDefinitionException(
                    described,
                    "The " + attribute + " expression '" + text + "' on " + described + " does not parse: "
                            + ex.getMessage(),
                    "Fix the SpEL expression; arguments are #name, #p0 or #a0, and their properties can be read.");
        }
    }

    /** Evaluates the expression for one call; {@code result} is {@code #result} (may be null). */
    Object evaluate(Object[] arguments, Object result) {
        SimpleEvaluationContext context =
                SimpleEvaluationContext.forReadOnlyDataBinding().build();
        for (int i = 0; i < arguments.length; i++) {
            context.setVariable(positional("p", i), arguments[i]);
            context.setVariable(positional("a", i), arguments[i]);
            if (i < parameterNames.length) {
                context.setVariable(parameterNames[i], arguments[i]);
            }
        }
        context.setVariable("result", result);
        try {
            return expression.getValue(context);
        } catch (EvaluationException ex) {
            throw new IllegalArgumentException("Cannot evaluate '" + text + "': " + ex.getMessage(), ex);
        }
    }

    /** {@code p0}, {@code a3}: the name of a positional variable, without building it per call. */
    private static String positional(String prefix, int index) {
        if (index < POSITIONS) {
            return (prefix.equals("p") ? P_NAMES : A_NAMES)[index];
        }
        return prefix + index;
    }

    private static String[] names(String prefix) {
        String[] names = new String[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    /** The expression as written. */
    String text() {
        return text;
    }
}
