package dev.resilience.benchmarks.redis;

import io.lettuce.core.RedisFuture;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Wraps a connection factory so that every command sent to Redis through a connection's native
 * Lettuce commands is counted: one {@link RedisFuture} per command, one round trip each. Redis's
 * own statistics cannot tell this, since they also count the commands a script runs inside
 * Redis.
 */
final class CountingConnections {

    private final LongAdder sent = new LongAdder();

    private volatile List<String> lastScriptCall = List.of();

    /** The commands sent so far. */
    long sent() {
        return sent.sum();
    }

    /**
     * The last script call sent, as the words of an {@code EVALSHA} command line: the SHA-1, the
     * number of keys, the keys and the arguments; empty before the first one.
     */
    List<String> lastScriptCall() {
        return lastScriptCall;
    }

    /** A factory whose connections count what they send, otherwise the given one. */
    RedisConnectionFactory wrap(RedisConnectionFactory factory) {
        return proxy(
                RedisConnectionFactory.class,
                factory,
                (method, args, result) -> method.getName().equals("getConnection")
                        ? proxy(RedisConnection.class, (RedisConnection) result, this::countNative)
                        : result);
    }

    private Object countNative(Method method, Object[] ignored, Object result) {
        if (!method.getName().equals("getNativeConnection") || result == null) {
            return result;
        }
        return Proxy.newProxyInstance(
                getClass().getClassLoader(), ClassUtils.getAllInterfaces(result), forward(result, (m, args, r) -> {
                    if (r instanceof RedisFuture<?>) {
                        sent.increment();
                    }
                    if (m.getName().equals("evalsha")) {
                        lastScriptCall = scriptCall(args);
                    }
                    return r;
                }));
    }

    /** The words of {@code evalsha(sha, type, keys, values...)} as a command line. */
    private static List<String> scriptCall(Object[] args) {
        List<String> words = new ArrayList<>();
        words.add(String.valueOf(args[0]));
        Object keys = args.length > 2 ? args[2] : null;
        byte[][] keyBytes = keys instanceof byte[][] k ? k : new byte[0][];
        words.add(String.valueOf(keyBytes.length));
        for (byte[] key : keyBytes) {
            words.add(new String(key, StandardCharsets.UTF_8));
        }
        if (args.length > 3 && args[3] instanceof byte[][] values) {
            for (byte[] value : values) {
                words.add(new String(value, StandardCharsets.UTF_8));
            }
        }
        return List.copyOf(words);
    }

    private static <T> T proxy(Class<T> type, T target, ResultMapper mapper) {
        return type.cast(Proxy.newProxyInstance(
                CountingConnections.class.getClassLoader(), new Class<?>[] {type}, forward(target, mapper)));
    }

    private static InvocationHandler forward(Object target, ResultMapper mapper) {
        return (proxy, method, args) -> {
            try {
                return mapper.map(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    /** Replaces the result of a forwarded call, given the method that produced it. */
    @FunctionalInterface
    private interface ResultMapper {
        Object map(Method method, Object[] args, Object result);
    }
}
