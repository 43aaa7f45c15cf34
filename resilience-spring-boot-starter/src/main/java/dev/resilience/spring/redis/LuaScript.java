package dev.resilience.spring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The text of one Lua script and its SHA-1 digest, the name Redis caches it under.
 *
 * <p>The digest is computed here rather than asked of Redis, so the first call can already go by
 * {@code EVALSHA}; the script is sent in full only when Redis answers {@code NOSCRIPT}.
 *
 * @param name the resource name, for messages
 * @param body the script's UTF-8 text
 * @param sha the lower-case hex SHA-1 of the body
 */
record LuaScript(String name, byte[] body, String sha) {

    static final LuaScript BUCKET = load("bucket.lua");
    static final LuaScript FIXED_WINDOW = load("fixed_window.lua");
    static final LuaScript SLIDING_WINDOW = load("sliding_window.lua");

    private static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the class path");
            }
            byte[] body = in.readAllBytes();
            return new LuaScript(
                    name,
                    body,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK offers no SHA-1", e);
        }
    }
}
