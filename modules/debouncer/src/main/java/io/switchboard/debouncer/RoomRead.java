package io.switchboard.debouncer;

import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A room's call hash and its log entries after a seq, read as one consistent view: HGETALL and
 * XRANGE in one MULTI/EXEC on one connection (docs/architecture.md#deltas-and-late-join). It was a
 * Lua script; Redis converts a script's replies to Lua and back, which cost it ≈ 26 µs a read
 * against ≈ 6 µs for the transaction (a 19-field hash and a few lines, Redis 6.2's commandstats),
 * and far more for the 2,000 lines of a late join.
 *
 * <p>Rooms whose windows end together are read in one pipeline ({@link #afterEach}): one write, one
 * connection lease and one reply callback for all of them instead of one each — each transaction
 * stays its own consistent view.
 */
final class RoomRead {
  private RoomRead() {}

  /** One room to read: its lines after {@code afterSeq}, at most {@code maxEntries}. */
  record Query(String room, long afterSeq, int maxEntries) {}

  /** {@code [hash, entries]}: the hash as a map (RESP3) or flat array, the entries as XRANGE returns them. */
  static Future<Response> after(Redis redis, String room, long afterSeq, int maxEntries) {
    return redis
        .batch(transaction(new ArrayList<>(4), new Query(room, afterSeq, maxEntries)))
        .compose(replies -> {
          Response exec = executed(replies.get(replies.size() - 1));
          return exec == null
              ? Future.failedFuture("room read of " + room + " was not executed")
              : Future.succeededFuture(exec);
        });
  }

  /**
   * The rooms' {@link #after} replies in query order, read in one pipeline; an element is null where
   * that room's transaction was not executed. When the pipeline as a whole fails (Redis is away, or
   * one reply is an error), each room is read on its own, so one bad room costs the others nothing.
   */
  static Future<List<Response>> afterEach(Redis redis, List<Query> queries) {
    List<Request> pipeline = new ArrayList<>(queries.size() * 4);
    for (Query q : queries) {
      transaction(pipeline, q);
    }
    return redis
        .batch(pipeline)
        .map(replies -> {
          List<Response> out = new ArrayList<>(queries.size());
          for (int i = 0; i < queries.size(); i++) {
            out.add(executed(replies.get(i * 4 + 3)));
          }
          return out;
        })
        .recover(whole -> {
          List<Future<Response>> one = queries.stream()
              .map(q -> after(redis, q.room(), q.afterSeq(), q.maxEntries()).otherwise((Response) null))
              .toList();
          return Future.all(one).map(all -> Arrays.asList(one.stream().map(Future::result).toArray(Response[]::new)));
        });
  }

  private static List<Request> transaction(List<Request> into, Query q) {
    into.add(Request.cmd(Command.MULTI));
    into.add(Request.cmd(Command.HGETALL).arg(RedisKeys.call(q.room())));
    into.add(Request.cmd(Command.XRANGE).arg(RedisKeys.log(q.room())).arg(RedisKeys.entryId(q.afterSeq() + 1)).arg("+")
        .arg("COUNT").arg(q.maxEntries()));
    into.add(Request.cmd(Command.EXEC));
    return into;
  }

  private static Response executed(Response exec) {
    return exec == null || exec.size() != 2 ? null : exec;
  }
}
