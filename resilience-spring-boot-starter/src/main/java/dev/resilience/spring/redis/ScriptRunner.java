package dev.resilience.spring.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

/**
 * Runs a script by its SHA on a connection of the application's factory, in one round trip,
 * loading it first only when Redis does not know it (a first call, a {@code SCRIPT FLUSH}, a
 * restart or failover).
 *
 * <p>With Lettuce, the wait for an answer is bounded by the command timeout, whatever timeout
 * the connection factory itself has: a call to an unreachable Redis costs at most that long. With
 * any other client the factory's own timeout applies.
 */
final class ScriptRunner {

    private final RedisConnectionFactory connectionFactory;
    private final long timeoutNanos;

    ScriptRunner(RedisConnectionFactory connectionFactory, Duration commandTimeout) {
        this.connectionFactory = connectionFactory;
        this.timeoutNanos = commandTimeout.toNanos();
    }

    /** Runs the script on one key and returns its reply, a list of integers. */
    List<Object> run(LuaScript script, byte[] key, byte[][] args) {
        long deadline = System.nanoTime() + timeoutNanos;
        try (RedisConnection connection = connectionFactory.getConnection()) {
            if (connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> commands) {
                @SuppressWarnings("unchecked")
                RedisClusterAsyncCommands<byte[], byte[]> binary = (RedisClusterAsyncCommands<byte[], byte[]>) commands;
                return runAsync(binary, script, key, args, deadline);
            }
            return runBlocking(connection, script, key, args);
        }
    }

    private static List<Object> runAsync(
            RedisClusterAsyncCommands<byte[], byte[]> commands,
            LuaScript script,
            byte[] key,
            byte[][] args,
            long deadline) {
        byte[][] keys = {key};
        try {
            return await(commands.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args), deadline);
        } catch (RedisNoScriptException e) {
            await(commands.scriptLoad(script.body()), deadline);
            return await(commands.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args), deadline);
        }
    }

    private static List<Object> runBlocking(RedisConnection connection, LuaScript script, byte[] key, byte[][] args) {
        byte[][] keysAndArgs = new byte[args.length + 1][];
        keysAndArgs[0] = key;
        System.arraycopy(args, 0, keysAndArgs, 1, args.length);
        try {
            return connection.scriptingCommands().evalSha(script.sha(), ReturnType.MULTI, 1, keysAndArgs);
        } catch (DataAccessException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            connection.scriptingCommands().scriptLoad(script.body());
            return connection.scriptingCommands().evalSha(script.sha(), ReturnType.MULTI, 1, keysAndArgs);
        }
    }

    private static <T> T await(RedisFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new QueryTimeoutException("Redis did not answer within the command timeout", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new RedisSystemException("Redis command failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new RedisSystemException("Interrupted while waiting for Redis", e);
        }
    }

    private static boolean isNoScript(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RedisNoScriptException
                    || (t.getMessage() != null && t.getMessage().contains("NOSCRIPT"))) {
                return true;
            }
        }
        return false;
    }
}
