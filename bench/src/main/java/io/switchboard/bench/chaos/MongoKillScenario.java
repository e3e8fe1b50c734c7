package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * (b) {@code kill -9} of the MongoDB-protocol server (its own process) while calls end: ingest
 * keeps accepting, the ended calls wait in {@code archive:pending} and are retried; once the
 * server is back every call ended during the outage is archived exactly once (one document per
 * call id), with every line that got a 2xx.
 */
final class MongoKillScenario {
  private final ChaosSettings cfg;

  MongoKillScenario(ChaosSettings cfg) {
    this.cfg = cfg;
  }

  ScenarioResult run(Path work) throws Exception {
    ScenarioResult r = new ScenarioResult("mongo", "kill -9 the MongoDB-protocol server (own process) while calls end; restarted after "
        + cfg.mongoOutageMs + " ms");
    Vertx vertx = Vertx.vertx();
    int http = FreePort.get();
    try (MongoProc mongo = new MongoProc(work.resolve("mongo")).start();
        ChaosNode node = ChaosNode.start("mongo", work, http, Map.of("MONGO_URL", mongo.url()), List.of(
            "--verticles", "gateway,ingest,debouncer,analytics", "--set", "health.expect=gateway,ingest,debouncer,analytics",
            // the archive keeps the texts as sent, so each 2xx line can be found in its document
            "--set", "redaction.enabled=false"))) {
      node.awaitReady(Duration.ofSeconds(90));
      node.awaitHealthy(Duration.ofSeconds(30));
      String redisUrl = "redis://127.0.0.1:" + node.embeddedRedisPort();
      MongoClient mc = MongoClient.createShared(vertx, new JsonObject().put("connection_string", mongo.url()).put("db_name", "switchboard")
          .put("serverSelectionTimeoutMS", 2000), "chaos-mongo");
      try (LoadRig rig = new LoadRig(vertx, http, redisUrl, "mb", cfg.calls)) {
        rig.start(cfg.dashboards, cfg.roomsPerDashboard, cfg.rate);
        r.figure("load", cfg.calls + " calls × " + cfg.rate + " lines/s, " + cfg.dashboards + " dashboards");
        Thread.sleep(cfg.warmupMs);
        List<String> endBefore = rooms(rig, 0, cfg.churn);
        List<String> endDuring = rooms(rig, cfg.churn, 3 * cfg.churn);
        end(rig, endBefore);
        long archivedBefore = awaitArchived(mc, endBefore, 30_000);
        r.check("calls ended before the fault archived", archivedBefore >= 0, archivedBefore + " ms");

        long killAt = System.currentTimeMillis();
        mongo.kill9();
        end(rig, endDuring);
        long endedAccepted = System.currentTimeMillis() - killAt;
        r.check("calls end (2xx) while MongoDB is down", true, endDuring.size() + " ended in " + endedAccepted + " ms");
        Thread.sleep(Math.max(0, cfg.mongoOutageMs - (System.currentTimeMillis() - killAt)));
        ChaosNode.Health during = ChaosNode.health(java.net.http.HttpClient.newHttpClient(), http);
        Set<String> pending = pending(vertx, redisUrl);
        long waiting = endDuring.stream().filter(room -> pending.contains(room + "|" + ChaosLoad.session(room))).count();
        r.check("ended calls wait in archive:pending during the outage", waiting == endDuring.size(), waiting + " of " + endDuring.size());
        r.check("/health shows mongo DOWN during the outage", during.body().contains("\"id\":\"mongo\",\"status\":\"DOWN\""),
            "HTTP " + during.status());
        mongo.start();
        long backAt = System.currentTimeMillis();
        long archived = awaitArchived(mc, endDuring, 60_000);
        r.headline("MongoDB down for", (backAt - killAt) + " ms");
        r.headline("every call ended during the outage archived, after MongoDB was back", archived < 0 ? "not within 60 s" : archived + " ms");
        r.check("every call ended during the outage archived after it returns", archived >= 0, archived + " ms");
        Thread.sleep(2000); // a late duplicate would be a second document by now
        long docs = 0;
        long dupes = 0;
        long missingLines = 0;
        for (String room : endDuring) {
          List<JsonObject> found = mc.find("calls", new JsonObject().put("room", room).put("session_id", ChaosLoad.session(room)))
              .await(10, TimeUnit.SECONDS);
          docs += found.size();
          dupes += Math.max(0, found.size() - 1);
          Set<String> texts = new HashSet<>();
          found.forEach(d -> d.getJsonArray("transcript", new JsonArray()).forEach(l -> texts.add(((JsonObject) l).getString("text"))));
          for (String t : rig.load.acked().getOrDefault(room, Set.of())) {
            if (!texts.contains(t)) {
              missingLines++;
            }
          }
        }
        r.headline("archive documents for the " + endDuring.size() + " calls ended during the outage", docs);
        r.check("each archived exactly once (one document per call)", docs == endDuring.size() && dupes == 0, docs + " documents, " + dupes + " extra");
        r.check("each archived with every line that got a 2xx", missingLines == 0, missingLines + " lines missing from the documents");
        Set<String> after = pending(vertx, redisUrl);
        long left = endDuring.stream().filter(room -> after.contains(room + "|" + ChaosLoad.session(room))).count();
        r.check("archive:pending drained", left == 0, left + " left");
        // the ended calls' lines are in the archive now; the live calls' lines are checked against their histories
        endBefore.forEach(rig.load.acked()::remove);
        endDuring.forEach(rig.load.acked()::remove);
        rig.finish(r);
        r.check("node alive", node.alive(), "pid " + node.pid());
      } finally {
        mc.close();
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    return r;
  }

  private static List<String> rooms(LoadRig rig, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(rig.load.room(rig.load.calls - 1 - i)); // from the end: the dashboards watch the first rooms
    }
    return out;
  }

  private static void end(LoadRig rig, List<String> rooms) throws Exception {
    rig.load.quiet.addAll(rooms);
    rig.load.each(rooms, 16, room -> rig.load.end(room).compose(s -> s / 100 == 2 ? Future.succeededFuture() : Future.failedFuture(room + ": " + s)));
  }

  /** Milliseconds until every room has an archive document, -1 after {@code ms}. */
  private static long awaitArchived(MongoClient mc, List<String> rooms, long ms) throws Exception {
    long t0 = System.currentTimeMillis();
    while (System.currentTimeMillis() - t0 < ms) {
      try {
        long n = mc.count("calls", new JsonObject().put("room", new JsonObject().put("$in", new JsonArray(rooms)))).await(5, TimeUnit.SECONDS);
        if (n >= rooms.size()) {
          return System.currentTimeMillis() - t0;
        }
      } catch (Exception e) {
        // the server is still coming back
      }
      Thread.sleep(200);
    }
    return -1;
  }

  private static Set<String> pending(Vertx vertx, String redisUrl) throws Exception {
    Redis client = Redis.createClient(vertx, redisUrl);
    try {
      Set<String> out = new HashSet<>();
      RedisAPI.api(client).smembers("archive:pending").await(5, TimeUnit.SECONDS).forEach(x -> out.add(x.toString()));
      return out;
    } finally {
      client.close();
    }
  }
}
