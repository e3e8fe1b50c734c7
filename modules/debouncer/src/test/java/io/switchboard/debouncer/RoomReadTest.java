package io.switchboard.debouncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.platform.redis.LiveStateCodec;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rooms read in one pipeline answer what each room's own read answers, in query order, against
 * real Redis; when the pipeline as a whole fails, every room is still read on its own.
 */
@ExtendWith(VertxExtension.class)
class RoomReadTest {
  @RegisterExtension
  static final RedisPerClass redis = new RedisPerClass();
  private Redis client;
  private LiveStateSeed seed;

  @BeforeEach
  void setUp(Vertx vertx) {
    seed = LiveStateSeed.emptied(redis.connect(vertx));
    client = Redis.createClient(vertx, redis.url());
    seed.call("a", "s-a", 1000).lines("a", 1, 5);
    seed.call("b", "s-b", 2000).lines("b", 1, 2);
  }

  private static List<Response> read(Redis r, List<RoomRead.Query> queries) throws Exception {
    return RoomRead.afterEach(r, queries).await(10, TimeUnit.SECONDS);
  }

  private static String view(Response r) {
    return r == null ? null : LiveStateCodec.rawFields(r.get(0)) + " " + LiveStateCodec.lines(r.get(1)).encode();
  }

  private String alone(RoomRead.Query q) throws Exception {
    return view(RoomRead.after(client, q.room(), q.afterSeq(), q.maxEntries()).await(10, TimeUnit.SECONDS));
  }

  @Test
  void aPipelineOfRoomsAnswersWhatEachRoomsOwnReadAnswers() throws Exception {
    List<RoomRead.Query> queries = List.of(
        new RoomRead.Query("b", 0, 500), new RoomRead.Query("a", 2, 2), new RoomRead.Query("nobody", 0, 500), new RoomRead.Query("a", 5, 500));
    AtomicInteger batches = new AtomicInteger();
    Redis counting = (Redis) Proxy.newProxyInstance(Redis.class.getClassLoader(), new Class<?>[] {Redis.class}, (proxy, m, args) -> {
      if (m.getName().equals("batch")) {
        batches.incrementAndGet();
      }
      return m.invoke(client, args);
    });
    List<Response> together = read(counting, queries);
    assertEquals(1, batches.get(), "one pipeline for all the rooms, no fallback to reading them one by one");
    assertEquals(queries.size(), together.size());
    for (int i = 0; i < queries.size(); i++) {
      assertEquals(alone(queries.get(i)), view(together.get(i)), "query " + i + " " + queries.get(i));
    }
    assertEquals("[3,4]", LiveStateCodec.lines(together.get(1).get(1)).stream()
        .map(l -> ((io.vertx.core.json.JsonObject) l).getLong("seq").toString()).toList().toString().replace(" ", ""),
        "after seq 2, at most 2 lines");
    assertEquals(0, LiveStateCodec.rawFields(together.get(2).get(0)).size(), "a room without state reads as an empty hash");
  }

  @Test
  void whenThePipelineFailsEachRoomIsReadOnItsOwn() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    Redis refusingPipelines = (Redis) Proxy.newProxyInstance(Redis.class.getClassLoader(), new Class<?>[] {Redis.class}, (proxy, m, args) -> {
      if (m.getName().equals("batch") && ((List<?>) args[0]).size() > 4) {
        refused.incrementAndGet();
        return Future.failedFuture("ERR one reply of the pipeline was an error");
      }
      return m.invoke(client, args);
    });
    List<RoomRead.Query> queries = List.of(new RoomRead.Query("a", 0, 500), new RoomRead.Query("b", 1, 500));
    List<Response> answers = read(refusingPipelines, queries);
    assertEquals(1, refused.get(), "the pipeline was tried");
    assertEquals(alone(queries.get(0)), view(answers.get(0)));
    assertEquals(alone(queries.get(1)), view(answers.get(1)));

    Redis down = (Redis) Proxy.newProxyInstance(Redis.class.getClassLoader(), new Class<?>[] {Redis.class},
        (proxy, m, args) -> m.getName().equals("batch") ? Future.failedFuture("connection refused") : m.invoke(client, args));
    List<Response> none = read(down, queries);
    assertEquals(2, none.size());
    assertNull(none.get(0), "a room that could not be read is null, not a failure of the others");
    assertNull(none.get(1));
  }
}
