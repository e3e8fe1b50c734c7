package io.switchboard.control;

import static io.switchboard.control.ControlHarness.await;
import static io.switchboard.control.ControlHarness.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.FreePort;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LiveKit down or hanging: readable 503/504 answers, audited, and no lock left behind. */
@ExtendWith(VertxExtension.class)
class ControlLiveKitDownTest {
  @RegisterExtension
  static final RedisPerClass redisServer = new RedisPerClass();

  @Test
  void anUnreachableLiveKitIsA503(Vertx vertx) {
    ControlHarness h = ControlHarness.start(vertx, redisServer.url(), ControlWithLiveKitTest.config("http://127.0.0.1:" + FreePort.get()));
    h.seedCall("down-1", "s-1", "RM_1", "active");
    ReplyException l = h.failure("listen", "alice", "supervisor", room("down-1"));
    // refused at once, or (first OkHttp call on a busy machine) out of time: either way a clear 5xx
    assertTrue(l.failureCode() == 503 || l.failureCode() == 504, l.failureCode() + " " + l.getMessage());
    assertTrue(l.getMessage().startsWith("LiveKit "), l.getMessage());
    ReplyException e = h.failure("end", "alice", "supervisor", room("down-1"));
    assertEquals(503, e.failureCode());
    assertTrue(e.getMessage().startsWith("LiveKit unreachable: "), e.getMessage());
    assertTrue(h.ingest.isEmpty(), "a call LiveKit did not end is not recorded as ended");
    h.expectAudits(2);
    assertEquals(e.getMessage(), h.audits.get(1).getString("message"));
  }

  @Test
  void aHangingLiveKitTimesOutWithinTheConfiguredTime(Vertx vertx) {
    // accepts the request, never answers
    HttpServer silent = await(vertx.createHttpServer().requestHandler(req -> {}).listen(0, "127.0.0.1"));
    ControlHarness h = ControlHarness.start(
        vertx, redisServer.url(),
        ControlWithLiveKitTest.config("http://127.0.0.1:" + silent.actualPort()).put("livekit.timeout.ms", 300));
    h.seedCall("hang-1", "s-1", "RM_1", "active");
    long t0 = System.nanoTime();
    ReplyException e = h.failure("takeover", "alice", "supervisor", room("hang-1"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(504, e.failureCode());
    assertEquals("LiveKit ListRooms timed out after 300 ms", e.getMessage());
    assertTrue(ms < 3000, "answered after " + ms + " ms");
    assertNull(h.get(TakeoverLock.key("hang-1")), "the lock is given back");
    t0 = System.nanoTime();
    ReplyException listen = h.failure("listen", "alice", "supervisor", room("hang-1"));
    assertEquals(504, listen.failureCode());
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
    h.expectAudits(2);
  }

  @Test
  void wrongCredentialsAreAClear502WithoutTheRefusedToken(Vertx vertx) {
    io.switchboard.testkit.FakeLiveKit lk = await(new io.switchboard.testkit.FakeLiveKit(vertx, "APIother", "another-secret-another-secret-another").start());
    ControlHarness h = ControlHarness.start(vertx, redisServer.url(), ControlWithLiveKitTest.config(lk.url()));
    h.seedCall("cred-1", "s-1", "RM_1", "active");
    ReplyException e = h.failure("takeover", "alice", "supervisor", room("cred-1"));
    assertEquals(502, e.failureCode());
    assertEquals("LiveKit ListRooms refused Switchboard's API key/secret (HTTP 401): check livekit.api.key and livekit.api.secret", e.getMessage());
    assertNull(h.get(TakeoverLock.key("cred-1")), "nothing left locked");
    h.expectAudits(1);
    lk.close();
  }
}
