package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.LiveKitPeer;
import io.switchboard.testkit.RealLiveKit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * (d) LiveKit unreachable, then slow: a real LiveKit server (scripts/livekit) with a real WebRTC
 * agent in the room, reached by the node through a {@link FaultProxy}. With the proxy refusing,
 * then hanging, {@code guide} answers {@code delivered:false} with a reason and {@code takeover}
 * fails, each within a bounded time, each attempt audited, and no takeover lock left behind:
 * once LiveKit is reachable again, takeover and hand-back on the same room work (the agent's
 * track is muted and unmuted on the server).
 */
final class LiveKitOutageScenario {
  static final int LIVEKIT_TIMEOUT_MS = 1000;
  /** Bound on one failing action: a few sequential LiveKit calls at most, each bounded by the timeout. */
  static final long FAIL_BOUND_MS = 3 * LIVEKIT_TIMEOUT_MS + 1000;
  private final ChaosSettings cfg;

  LiveKitOutageScenario(ChaosSettings cfg) {
    this.cfg = cfg;
  }

  ScenarioResult run(Path work) throws Exception {
    ScenarioResult r = new ScenarioResult("livekit", "LiveKit unreachable, then hanging (TCP proxy in front of a real server), while supervisors act");
    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx);
    int http = FreePort.get();
    int lkPort = RealLiveKit.freePortPair();
    List<AutoCloseable> peers = new ArrayList<>();
    try (RealLiveKit liveKit = RealLiveKit.start(lkPort, List.of(), 30, 10, work.resolve("livekit").toAbsolutePath());
        FaultProxy proxy = new FaultProxy(lkPort);
        ChaosNode node = ChaosNode.start("livekit", work, http, Map.of(), List.of(
            "--verticles", "gateway,ingest,debouncer,control,analytics",
            "--set", "health.expect=gateway,ingest,debouncer,control,analytics",
            "--set", "mongo.embedded=memory",
            "--set", "livekit.url=ws://127.0.0.1:" + proxy.port(),
            "--set", "livekit.api.key=" + RealLiveKit.KEY,
            "--set", "livekit.api.secret=" + RealLiveKit.SECRET,
            "--set", "livekit.timeout.ms=" + LIVEKIT_TIMEOUT_MS,
            "--set", "guide.rate.max=100"))) {
      node.awaitReady(Duration.ofSeconds(90));
      node.awaitHealthy(Duration.ofSeconds(30));
      String redisUrl = "redis://127.0.0.1:" + node.embeddedRedisPort();
      String room = "lk-chaos";
      LiveKitPeer agent = LiveKitPeer.join("agent", liveKit.wsUrl(), RealLiveKit.token(room, "agent-" + room, true, false), true, 440);
      peers.add(agent);
      String sid = agent.roomSid(30_000);
      try (LoadRig rig = new LoadRig(vertx, http, redisUrl, "lk", cfg.calls)) {
        int started = rig.load.postUntilAccepted(room, "call_started", new JsonObject().put("room_sid", sid).put("agent", "agent-" + room)
            .put("customer", "customer-" + room).put("language", "en"), System.currentTimeMillis() + 20_000).await(30, TimeUnit.SECONDS);
        r.check("a real LiveKit call (agent publishing audio) is live", started / 100 == 2, "room sid " + sid + ", call_started " + started);
        agent.await("published", 20_000);
        rig.start(cfg.dashboards, cfg.roomsPerDashboard, cfg.rate);
        r.figure("load", cfg.calls + " simulated calls × " + cfg.rate + " lines/s, " + cfg.dashboards + " dashboards; one real LiveKit room");
        String sup = rig.supervisorToken;
        String admin = rig.probe.login("admin");

        // the first LiveKit call of a fresh node opens connections: on a loaded machine it can exceed the 1 s timeout
        Timed guideOk = act(web, http, sup, room, "guide", new JsonObject().put("text", "baseline"));
        r.figure("first guide after start (LiveKit reachable)", guideOk.toString());
        for (int i = 0; i < 10 && !(guideOk.status == 200 && guideOk.body.getBoolean("delivered", false)); i++) {
          Thread.sleep(500);
          guideOk = act(web, http, sup, room, "guide", new JsonObject().put("text", "baseline " + i));
        }
        r.check("LiveKit reachable: guide delivered", guideOk.status == 200 && guideOk.body.getBoolean("delivered", false), guideOk.toString());
        List<Timed> failed = new ArrayList<>();
        for (FaultProxy.Mode mode : List.of(FaultProxy.Mode.REFUSE, FaultProxy.Mode.BLACKHOLE)) {
          proxy.mode(mode);
          String what = mode == FaultProxy.Mode.REFUSE ? "unreachable" : "hanging";
          Timed guide = act(web, http, sup, room, "guide", new JsonObject().put("text", "while LiveKit is " + what));
          Timed take = act(web, http, sup, room, "takeover", new JsonObject());
          failed.add(guide);
          failed.add(take);
          r.headline("guide while LiveKit is " + what, guide.toString());
          r.headline("takeover while LiveKit is " + what, take.toString());
          r.check("LiveKit " + what + ": guide answers delivered:false with a reason, ≤ " + FAIL_BOUND_MS + " ms",
              guide.status == 200 && !guide.body.getBoolean("delivered", true) && guide.body.getString("reason") != null && guide.ms <= FAIL_BOUND_MS,
              guide.toString());
          r.check("LiveKit " + what + ": takeover fails with a reason, ≤ " + FAIL_BOUND_MS + " ms",
              take.status >= 400 && take.body.toString().length() > 2 && take.ms <= FAIL_BOUND_MS, take.toString());
          r.check("LiveKit " + what + ": no takeover lock left behind", !locked(vertx, redisUrl, room), "takeover:" + room + " absent");
        }
        proxy.mode(FaultProxy.Mode.PASS);
        Timed take = retryUntil200(web, http, sup, room, "takeover");
        r.headline("takeover once LiveKit is back", take.toString());
        boolean muted = take.status == 200 && agent.await("muted", 15_000) != null;
        r.check("LiveKit back: takeover on the same room works (the agent's track muted on the server)", muted, take.toString());
        Timed back = act(web, http, sup, room, "handback", new JsonObject());
        boolean unmuted = back.status == 200 && agent.await("unmuted", 15_000) != null;
        r.check("LiveKit back: hand-back works (unmuted)", unmuted, back.toString());
        List<JsonObject> audit = audit(web, http, admin, room);
        // a failed action is result "error"; a guide that reached nobody says why in its message
        long failedAudited = audit.stream().filter(a -> !"ok".equals(a.getString("result"))
            || String.valueOf(a.getValue("message")).contains("livekit_unavailable")).count();
        r.figure("audit records for the room", audit.size() + " (" + failedAudited + " failed or undelivered)");
        r.check("every attempt audited (2 during each fault, plus the baseline, takeover and hand-back)", audit.size() >= failed.size() + 3
            && failedAudited >= 2, audit.size() + " records; failing ones: " + failedAudited + " — "
            + audit.stream().map(a -> a.getString("action") + ":" + a.getString("result") + ":" + a.getValue("message")).toList());
        rig.finish(r);
        r.check("node alive", node.alive(), "pid " + node.pid());
      }
    } finally {
      for (AutoCloseable p : peers) {
        p.close();
      }
      web.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    return r;
  }

  record Timed(int status, long ms, JsonObject body) {
    /** Status, time and what the reply says (never the tokens a successful takeover carries). */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("HTTP ").append(status).append(" in ").append(ms).append(" ms");
      for (String k : List.of("delivered", "reason", "error", "message", "agent_muted", "takeover_by", "raw")) {
        if (body.getValue(k) != null) {
          b.append(", ").append(k).append(": ").append(body.getValue(k));
        }
      }
      return b.toString();
    }
  }

  static Timed act(WebClient web, int port, String token, String room, String action, JsonObject body) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<Buffer> resp = web.post(port, "127.0.0.1", "/api/calls/" + room + "/" + action).bearerTokenAuthentication(token)
          .timeout(30_000).sendJsonObject(body).await(35, TimeUnit.SECONDS);
      JsonObject json;
      try {
        json = resp.bodyAsJsonObject();
      } catch (RuntimeException e) {
        json = new JsonObject().put("raw", resp.bodyAsString());
      }
      return new Timed(resp.statusCode(), (System.nanoTime() - t0) / 1_000_000, json == null ? new JsonObject() : json);
    } catch (Exception e) {
      return new Timed(-1, (System.nanoTime() - t0) / 1_000_000, new JsonObject().put("error", e.toString()));
    }
  }

  private static Timed retryUntil200(WebClient web, int port, String token, String room, String action) throws InterruptedException {
    Timed t = null;
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      t = act(web, port, token, room, action, new JsonObject());
      if (t.status == 200) {
        return t;
      }
      Thread.sleep(300);
    }
    return t;
  }

  private static boolean locked(Vertx vertx, String redisUrl, String room) throws Exception {
    Redis client = Redis.createClient(vertx, redisUrl);
    try {
      return RedisAPI.api(client).exists(List.of("takeover:" + room)).await(5, TimeUnit.SECONDS).toInteger() == 1;
    } finally {
      client.close();
    }
  }

  private static List<JsonObject> audit(WebClient web, int port, String admin, String room) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    List<JsonObject> items = List.of();
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> resp = web.get(port, "127.0.0.1", "/api/audit?room=" + room + "&size=100").bearerTokenAuthentication(admin)
          .send().await(10, TimeUnit.SECONDS);
      if (resp.statusCode() == 200) {
        JsonArray arr = resp.bodyAsJsonObject().getJsonArray("items", new JsonArray());
        items = arr.stream().map(o -> (JsonObject) o).toList();
        if (items.size() >= 7) {
          return items;
        }
      }
      Thread.sleep(300);
    }
    return items;
  }
}
