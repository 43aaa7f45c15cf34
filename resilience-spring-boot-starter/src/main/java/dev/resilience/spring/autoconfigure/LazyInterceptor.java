package dev.resilience.spring.autoconfigure;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Looks the advice bean up on the first call, so that advisors can be created early (while the
 * proxy creator collects them) without creating the registries before configuration is bound.
 */
final class LazyInterceptor<T extends MethodInterceptor> implements MethodInterceptor {

    private final ObjectProvider<T> provider;

    private volatile T delegate;

    LazyInterceptor(ObjectProvider<T> provider) {
        this.provider = provider;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        T advice = delegate;
        if (advice == null) {
            advice = provider.getObject();
            delegate = advice;
        }
        return advice.invoke(invocation);
    }
}
