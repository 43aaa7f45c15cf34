package dev.resilience.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions read argument data, and nothing beyond it. */
class ArgumentExpressionTest {

    private static final Method CALL = method();

    @Test
    void argumentsAreReachableByNameAndPosition() {
        Object[] arguments = {new Request("tenant-a", 40), Map.of("plan", "premium")};

        assertThat(evaluate("#request.tenant", arguments)).isEqualTo("tenant-a");
        assertThat(evaluate("#p0.tenant", arguments)).isEqualTo("tenant-a");
        assertThat(evaluate("#a1['plan']", arguments)).isEqualTo("premium");
    }

    @Test
    void recordComponentsAndPublicAccessorsAreReadAsProperties() {
        Object[] arguments = {new Request("tenant-a", 40), Map.of()};

        assertThat(evaluate("#request.maxTokens", arguments)).isEqualTo(40);
        assertThat(evaluate("#request.estimatedTokens", arguments)).isEqualTo(50);
    }

    @Test
    void resultIsAvailableAsResult() {
        assertThat(ArgumentExpression.parse("#result.maxTokens", CALL, "actualCost")
                        .evaluate(new Object[0], new Request("t", 7)))
                .isEqualTo(7);
    }

    @Test
    void typeReferencesAreRefused() {
        Object[] arguments = {new Request("tenant-a", 40), Map.of()};

        assertThatThrownBy(() -> evaluate("T(java.lang.Runtime).getRuntime()", arguments))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methodCallsOnArgumentsAreRefused() {
        Object[] arguments = {new Request("tenant-a", 40), Map.of()};

        assertThatThrownBy(() -> evaluate("#request.tenant.getClass().getClassLoader()", arguments))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignmentIsRefused() {
        Object[] arguments = {new Request("tenant-a", 40), Map.of()};

        assertThatThrownBy(() -> evaluate("#request.tenant = 'other'", arguments))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Object evaluate(String text, Object[] arguments) {
        return ArgumentExpression.parse(text, CALL, "key").evaluate(arguments, null);
    }

    private static Method method() {
        try {
            return ArgumentExpressionTest.class.getDeclaredMethod("call", Request.class, Map.class);
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @SuppressWarnings("unused")
    private static String call(Request request, Map<String, String> extra) {
        return request.tenant();
    }

    record Request(String tenant, int maxTokens) {

        public int estimatedTokens() {
            return maxTokens + 10;
        }
    }
}
