package io.switchboard.platform.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script of the live-state model, run with EVALSHA and re-sent with EVAL when the server
 * does not know it (a restarted Redis forgets its script cache).
 */
public final class LuaScript {
  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads a script from beside {@code owner}: a relative {@code path} such as {@code lua/apply-event.lua}
   * resolves under the owner's package ({@code io/switchboard/ingest/lua/…}), so two modules' scripts
   * of the same name cannot shadow each other in the fat jar. Absolute paths are refused for that reason.
   */
  public static LuaScript fromResource(Class<?> owner, String path) {
    if (path.startsWith("/")) {
      throw new IllegalArgumentException("script path must be relative to " + owner.getName() + "'s package: " + path);
    }
    try (InputStream in = owner.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    List<String> evalArgs = new ArrayList<>(2 + keys.size() + args.size());
    evalArgs.add(sha);
    evalArgs.add(String.valueOf(keys.size()));
    evalArgs.addAll(keys);
    evalArgs.addAll(args);
    return redis
        .evalsha(evalArgs)
        .recover(
            err -> {
              if (err.getMessage() == null || !err.getMessage().startsWith("NOSCRIPT")) {
                return Future.failedFuture(err);
              }
              List<String> withSource = new ArrayList<>(evalArgs);
              withSource.set(0, source);
              return redis.eval(withSource);
            });
  }
}
