package io.switchboard.gateway;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BrowserAccess.Role;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge's own decisions, on a bridge mounted alone (no gateway verticle around it):
 * a frame needs a valid token, a SEND leaves with the token's identity and none of the client's
 * headers, a browser never consumes a service address nor a message that waits for a reply,
 * registrations on a room drive presence once per user, and a viewer's socket gets redacted lines
 * while a supervisor's does not. The address × role matrix itself is {@link BridgeAccessMatrixTest}.
 * Every negative here ends on something observed: the bridge's error frame, or a later message
 * that would have come after the one that must not.
 */
class EventBusBridgeTest {
  private static final String SECRET = "bridge-unit-test-secret-0123456789-abcdefghijkl";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static Tokens tokens;
  private static int port;
  private static EventBusBridge bridge;
  /** what reached the stand-in control.guide service: its headers */
  private static final List<JsonObject> guided = new CopyOnWriteArrayList<>();
  /** supervisor presence events the bridge sent to ingest */
  private static final List<CallEvent> presence = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    tokens = new Tokens(vertx, new AuthConfig(SECRET, 60, Map.of(), null, false));
    vertx.eventBus().<JsonObject>consumer(Addresses.CONTROL_PREFIX + "guide", m -> {
      JsonObject headers = new JsonObject();
      m.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
      guided.add(headers);
      m.reply(new JsonObject().put("headers", headers));
    }).completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, m -> {
      presence.add(CallEvent.fromJson(m.body()));
      m.reply(new JsonObject().put("ok", true));
    }).completion().await(5, TimeUnit.SECONDS);
    // the bridge, its call-list consumer and the server on one event loop, as in the gateway verticle
    io.vertx.core.Promise<Integer> listening = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      bridge = new EventBusBridge(vertx, tokens, new Presence(vertx), new RoomWatchers(vertx, 5_000), new LiveRedaction(RedactionConfig.defaults()));
      Router router = Router.router(vertx);
      router.route("/eventbus/*").subRouter(bridge.router());
      bridge.ready()
          .compose(ok -> vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"))
          .map(server -> server.actualPort())
          .onComplete(listening);
    });
    port = listening.future().await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void clear() {
    guided.clear();
  }

  private static BridgeClient client(JsonObject headers) throws Exception {
    return BridgeClient.connect(vertx, port, headers).await(5, TimeUnit.SECONDS);
  }

  private static BridgeClient as(String user, Role role) throws Exception {
    return client(new JsonObject().put("authorization", "Bearer " + tokens.issue(user, role)));
  }

  /**
   * Registers and proves the registration by a probe arriving; returns what arrives afterwards,
   * probes (also those meant for other sockets on the address) left out.
   */
  private static List<JsonObject> registered(BridgeClient c, String address) throws Exception {
    List<JsonObject> got = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean probed = new java.util.concurrent.atomic.AtomicBoolean();
    c.register(address, body -> {
      if (body.containsKey("probe")) {
        probed.set(true);
      } else {
        got.add(body);
      }
    }).await(5, TimeUnit.SECONDS);
    eventually("registered on " + address, WAIT, () -> {
      vertx.eventBus().publish(address, new JsonObject().put("probe", true));
      return probed.get();
    });
    return got;
  }

  private static void assertDenied(BridgeClient c, int errors) {
    // "rejected" is the guard's own no (the SockJS permitted lists would say "access_denied")
    assertDenied(c, errors, "rejected");
  }

  /** The socket has exactly {@code errors} error frames, the last saying {@code reply}. */
  private static void assertDenied(BridgeClient c, int errors, String reply) {
    eventually("the bridge's error frame", WAIT, () -> c.errors().size() >= errors);
    assertEquals(errors, c.errors().size(), c.errors().toString());
    assertEquals(reply, c.errors().get(errors - 1).getString("body"), c.errors().toString());
  }

  @Test
  void framesWithoutAValidTokenAreRefused() throws Exception {
    BridgeClient anonymous = client(new JsonObject());
    BridgeClient forged = client(new JsonObject().put("authorization",
        "Bearer " + new Tokens(vertx, new AuthConfig("another-secret-that-is-long-enough-0123456789", 60, Map.of(), null, false)).issue("mallory", Role.ADMIN)));
    BridgeClient garbage = client(new JsonObject().put("authorization", "Bearer not.a.jwt"));
    try {
      for (BridgeClient c : List.of(anonymous, forged, garbage)) {
        c.register(Addresses.CALLS_ACTIVE, b -> { }).await(5, TimeUnit.SECONDS);
        assertDenied(c, 1);
      }
      forged.request(Addresses.CONTROL_PREFIX + "guide", new JsonObject());
      assertDenied(forged, 2);
      // the marker: a real supervisor's later request is served, and it is the only one
      BridgeClient sam = as("sam", Role.SUPERVISOR);
      sam.request(Addresses.CONTROL_PREFIX + "guide", new JsonObject()).await(5, TimeUnit.SECONDS);
      assertEquals(1, guided.size(), "the forged admin's request never reached the service: " + guided);
      sam.close();
    } finally {
      anonymous.close();
      forged.close();
      garbage.close();
    }
  }

  @Test
  void aSendLeavesWithTheTokensIdentityAndNoneOfTheClientsHeaders() throws Exception {
    JsonObject headers = new JsonObject()
        .put("authorization", "Bearer " + tokens.issue("sam", Role.SUPERVISOR))
        .put(CallerHeaders.USER, "the-boss")
        .put(CallerHeaders.ROLE, "admin")
        .put("x-extra", "smuggled");
    BridgeClient sam = client(headers);
    try {
      JsonObject reply = sam.request(Addresses.CONTROL_PREFIX + "guide", new JsonObject().put("room", "r1")).await(5, TimeUnit.SECONDS);
      assertEquals(new JsonObject().put(CallerHeaders.USER, "sam").put(CallerHeaders.ROLE, "supervisor"), reply.getJsonObject("headers"),
          "exactly the verified caller: no authorization, no client-set identity");
    } finally {
      sam.close();
    }
  }

  @Test
  void aViewerCannotActButMayReadAndItsDenialLeavesOtherSocketsAlone() throws Exception {
    BridgeClient vera = as("vera", Role.VIEWER);
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    try {
      vera.request(Addresses.CONTROL_PREFIX + "guide", new JsonObject());
      assertDenied(vera, 1);
      sam.request(Addresses.CONTROL_PREFIX + "guide", new JsonObject()).await(5, TimeUnit.SECONDS);
      assertEquals(List.of(new JsonObject().put(CallerHeaders.USER, "sam").put(CallerHeaders.ROLE, "supervisor")), guided,
          "only the supervisor's request was served");
      registered(vera, Addresses.CALLS_ACTIVE);
      assertEquals(1, vera.errors().size(), "reading is a viewer's right");
    } finally {
      vera.close();
      sam.close();
    }
  }

  @Test
  void noRoleMayConsumeAServiceAddress() throws Exception {
    BridgeClient admin = as("ada", Role.ADMIN);
    try {
      admin.register(Addresses.INGEST_CALL_EVENT, b -> { }).await(5, TimeUnit.SECONDS);
      assertDenied(admin, 1);
      admin.register(Addresses.CALL_HISTORY, b -> { }).await(5, TimeUnit.SECONDS);
      assertDenied(admin, 2);
    } finally {
      admin.close();
    }
  }

  @Test
  void aMessageThatWaitsForAReplyNeverReachesABrowser() throws Exception {
    BridgeClient vera = as("vera", Role.VIEWER);
    try {
      List<JsonObject> got = registered(vera, Addresses.call("room-q"));
      // point-to-point with a reply address: the only consumer is the browser's bridge registration
      vertx.eventBus().request(Addresses.call("room-q"), new JsonObject().put("n", "request")).onFailure(err -> { });
      vertx.eventBus().publish(Addresses.call("room-q"), new JsonObject().put("n", "after"));
      eventually("the later publish arrived", WAIT, () -> !got.isEmpty());
      assertEquals(List.of(new JsonObject().put("n", "after")), got, "a browser would be acting as a service");
    } finally {
      vera.close();
    }
  }

  @Test
  void presenceIsOneViewPerUserAndRoomUntilTheirLastSocketLeaves() throws Exception {
    String room = "room-presence";
    BridgeClient first = as("vera", Role.VIEWER);
    BridgeClient second = as("vera", Role.VIEWER);
    BridgeClient other = as("olga", Role.VIEWER);
    registered(first, Addresses.call(room));
    eventually("vera views", WAIT, () -> actions(room).equals(List.of("view:vera")));
    registered(second, Addresses.call(room));
    registered(other, Addresses.call(room));
    eventually("olga views", WAIT, () -> actions(room).contains("view:olga"));
    first.close();
    other.close();
    eventually("olga left", WAIT, () -> actions(room).contains("unview:olga"));
    second.close();
    eventually("vera's last socket left", WAIT, () -> actions(room).contains("unview:vera"));
    // in order per user: one view, one unview (a second view, or an unview when the first of
    // vera's sockets closed, would have come before the final unview)
    List<String> vera = actions(room).stream().filter(a -> a.endsWith(":vera")).toList();
    assertEquals(List.of("view:vera", "unview:vera"), vera);
    for (CallEvent e : presence) {
      if (e.room().equals(room)) {
        assertEquals("supervisor", e.type());
        assertEquals(null, e.sessionId(), "presence is for the room's current session");
      }
    }
  }

  private static List<String> actions(String room) {
    return presence.stream().filter(e -> e.room().equals(room)).map(e -> e.data().getString("action") + ":" + e.data().getString("by")).toList();
  }

  @Test
  void aViewersSocketGetsRedactedLinesAndASupervisorsTheOriginal() throws Exception {
    String room = "room-redact";
    BridgeClient vera = as("vera", Role.VIEWER);
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    try {
      List<JsonObject> toViewer = registered(vera, Addresses.call(room));
      List<JsonObject> toSupervisor = registered(sam, Addresses.call(room));
      String said = "my card is 4111 1111 1111 1111";
      JsonObject delta = new JsonObject().put("room", room).put("lines",
          new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user").put("text", said)));
      vertx.eventBus().publish(Addresses.call(room), delta);
      eventually("both got the delta", WAIT, () -> !toViewer.isEmpty() && !toSupervisor.isEmpty());
      String viewerText = toViewer.get(0).getJsonArray("lines").getJsonObject(0).getString("text");
      assertFalse(viewerText.contains("4111"), "a viewer never sees the card number: " + viewerText);
      assertTrue(viewerText.startsWith("my card is "), "only the number is replaced: " + viewerText);
      assertEquals(said, toSupervisor.get(0).getJsonArray("lines").getJsonObject(0).getString("text"), "supervisors see what was said");
      assertEquals(1, toViewer.get(0).getJsonArray("lines").getJsonObject(0).getInteger("seq"), "redaction keeps the seq");
    } finally {
      vera.close();
      sam.close();
    }
  }

  @Test
  void aDeltaSharedByAllSocketsIsRedactedForViewersOnlyAndNeverChanged() throws Exception {
    String room = "room-shared";
    io.switchboard.platform.bus.SharedJsonCodec.register(vertx.eventBus());
    BridgeClient vera = as("vera", Role.VIEWER);
    BridgeClient vic = as("vic", Role.VIEWER);
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    try {
      List<JsonObject> toVera = registered(vera, Addresses.call(room));
      List<JsonObject> toVic = registered(vic, Addresses.call(room));
      List<JsonObject> toSam = registered(sam, Addresses.call(room));
      String said = "my card is 4111 1111 1111 1111";
      JsonObject delta = new JsonObject().put("room", room).put("lines",
          new JsonArray().add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "user").put("text", said)));
      JsonObject before = delta.copy();
      io.switchboard.platform.bus.SharedJsonCodec.publish(vertx.eventBus(), Addresses.call(room), delta);
      eventually("all three got the delta", WAIT, () -> !toVera.isEmpty() && !toVic.isEmpty() && !toSam.isEmpty());
      for (List<JsonObject> viewer : List.of(toVera, toVic)) {
        String text = viewer.get(0).getJsonArray("lines").getJsonObject(0).getString("text");
        assertFalse(text.contains("4111"), "a viewer never sees the card number: " + text);
      }
      assertEquals(toVera.get(0), toVic.get(0), "every viewer sees the same redaction");
      assertEquals(before, toSam.get(0), "the supervisor gets the delta as published");
      assertEquals(before, delta, "nobody changed the shared object");
    } finally {
      vera.close();
      vic.close();
      sam.close();
    }
  }

  /**
   * A history page is a reply to one socket, however long: a viewer gets every line redacted, a
   * supervisor every line as stored, each in order.
   */
  @Test
  void aLongHistoryReplyIsRedactedForAViewerAndWholeForASupervisor() throws Exception {
    String said = "my card is 4111 1111 1111 1111";
    var history = vertx.eventBus().<JsonObject>consumer(Addresses.CALL_HISTORY, m -> {
      int n = m.body().getInteger("limit");
      JsonArray lines = new JsonArray();
      for (int seq = 1; seq <= n; seq++) {
        lines.add(new JsonObject().put("seq", seq).put("kind", "transcript").put("role", "user").put("text", said + " #" + seq));
      }
      m.reply(new JsonObject().put("room", m.body().getString("room")).put("lines", lines));
    });
    history.completion().await(5, TimeUnit.SECONDS);
    BridgeClient vera = as("vera", Role.VIEWER);
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    try {
      for (int n : List.of(3, 100, 2000)) {
        JsonObject request = new JsonObject().put("room", "room-history").put("limit", n);
        JsonArray toViewer = vera.request(Addresses.CALL_HISTORY, request).await(10, TimeUnit.SECONDS).getJsonArray("lines");
        JsonArray toSupervisor = sam.request(Addresses.CALL_HISTORY, request).await(10, TimeUnit.SECONDS).getJsonArray("lines");
        assertEquals(n, toViewer.size());
        assertEquals(n, toSupervisor.size());
        for (int i = 0; i < n; i++) {
          String text = toViewer.getJsonObject(i).getString("text");
          assertFalse(text.contains("4111"), "line " + (i + 1) + " of " + n + " to a viewer: " + text);
          assertTrue(text.endsWith(" #" + (i + 1)), "in order: " + text);
          assertEquals(said + " #" + (i + 1), toSupervisor.getJsonObject(i).getString("text"));
        }
      }
    } finally {
      vera.close();
      sam.close();
      history.unregister().await(5, TimeUnit.SECONDS);
    }
  }

  private static JsonObject listDelta(long version, String customer) {
    return new JsonObject().put("version", version).put("removed", new JsonArray()).put("upserts", new JsonArray()
        .add(new JsonObject().put("room", "room-list").put("session_id", "s1").put("customer", customer).put("sentiment", "negative")));
  }

  /**
   * The call list is written once per message for all its sockets (ListFanOut), not by the
   * library per socket: each socket gets each delta exactly once, as a {@code rec} on
   * {@code calls.active}, redacted for a viewer and as published for a supervisor.
   */
  @Test
  void aCallListDeltaReachesEachSocketOnceRedactedForViewersOnly() throws Exception {
    io.switchboard.platform.bus.SharedJsonCodec.register(vertx.eventBus());
    BridgeClient vera = as("vera", Role.VIEWER);
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    BridgeClient sue = as("sue", Role.SUPERVISOR);
    try {
      List<JsonObject> toVera = registered(vera, Addresses.CALLS_ACTIVE);
      List<JsonObject> toSam = registered(sam, Addresses.CALLS_ACTIVE);
      List<JsonObject> toSue = registered(sue, Addresses.CALLS_ACTIVE);
      JsonObject first = listDelta(1, "card 4111 1111 1111 1111");
      JsonObject second = listDelta(2, "Pat Smith");
      io.switchboard.platform.bus.SharedJsonCodec.publish(vertx.eventBus(), Addresses.CALLS_ACTIVE, first);
      vertx.eventBus().publish(Addresses.CALLS_ACTIVE, second);
      eventually("all got both", WAIT, () -> toVera.size() >= 2 && toSam.size() >= 2 && toSue.size() >= 2);
      assertEquals(List.of(first, second), toSam, "a supervisor gets every delta once, in order, as published");
      assertEquals(List.of(first, second), toSue);
      assertEquals(2, toVera.size(), "once each: " + toVera);
      String seen = toVera.get(0).getJsonArray("upserts").getJsonObject(0).getString("customer");
      assertFalse(seen.contains("4111"), "a viewer never sees the card number: " + seen);
      assertEquals(2L, toVera.get(1).getLong("version"));
      assertEquals(List.of(), vera.errors());
    } finally {
      vera.close();
      sam.close();
      sue.close();
    }
  }

  @Test
  void theCallListCanBeLeftAndJoinedAgainAndIsNeverRegisteredTwice() throws Exception {
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    try {
      List<JsonObject> first = registered(sam, Addresses.CALLS_ACTIVE);
      sam.register(Addresses.CALLS_ACTIVE, b -> { }).await(5, TimeUnit.SECONDS);
      assertDenied(sam, 1, "address_already_registered");
      int before = bridge.callListSockets();
      sam.unregister(Addresses.CALLS_ACTIVE).await(5, TimeUnit.SECONDS);
      eventually("the socket left the fan-out", WAIT, () -> bridge.callListSockets() == before - 1);
      // every frame the socket still gets for the list, handler or not
      List<String> leaked = new CopyOnWriteArrayList<>();
      sam.parseOnly(text -> {
        if (text.contains("\"" + Addresses.CALLS_ACTIVE + "\"")) {
          leaked.add(text);
        }
        return true;
      });
      List<JsonObject> marker = registered(sam, Addresses.call("room-marker"));
      vertx.eventBus().publish(Addresses.CALLS_ACTIVE, listDelta(7, "gone"));
      vertx.eventBus().publish(Addresses.call("room-marker"), new JsonObject().put("after", 7));
      eventually("the marker published after the list delta", WAIT, () -> !marker.isEmpty());
      assertEquals(List.of(), leaked, "an unregistered socket gets no list delta");
      sam.parseOnly(text -> true);
      List<JsonObject> again = registered(sam, Addresses.CALLS_ACTIVE);
      vertx.eventBus().publish(Addresses.CALLS_ACTIVE, listDelta(8, "back"));
      eventually("the delta after joining again", WAIT, () -> !again.isEmpty());
      assertEquals(List.of(listDelta(8, "back")), again, "nothing of the time in between, nothing twice");
      assertEquals(1, sam.errors().size(), "the second registration is a fresh one: " + sam.errors());
      assertEquals(List.of(), first, "the first registration saw only its probes");
    } finally {
      sam.close();
    }
  }

  @Test
  void aClosedSocketLeavesTheCallListAndTheSinkIsNobodysToRegister() throws Exception {
    BridgeClient sam = as("sam", Role.SUPERVISOR);
    BridgeClient ada = as("ada", Role.ADMIN);
    registered(sam, Addresses.CALLS_ACTIVE);
    registered(ada, Addresses.CALLS_ACTIVE);
    int before = bridge.callListSockets();
    sam.close();
    eventually("the closed socket left the fan-out", WAIT, () -> bridge.callListSockets() == before - 1);
    try {
      ada.register(ListFanOut.SINK, b -> { }).await(5, TimeUnit.SECONDS);
      assertDenied(ada, 1);
      List<JsonObject> stillThere = registered(ada, Addresses.call("room-after-sink"));
      vertx.eventBus().publish(Addresses.call("room-after-sink"), new JsonObject().put("n", 1));
      eventually("the socket still works", WAIT, () -> !stillThere.isEmpty());
    } finally {
      ada.close();
    }
  }

  @Test
  void aCallListMessageThatWaitsForAReplyNeverReachesABrowser() throws Exception {
    BridgeClient vera = as("vera", Role.VIEWER);
    try {
      List<JsonObject> got = registered(vera, Addresses.CALLS_ACTIVE);
      vertx.eventBus().request(Addresses.CALLS_ACTIVE, listDelta(1, "request")).onFailure(err -> { });
      vertx.eventBus().publish(Addresses.CALLS_ACTIVE, listDelta(2, "after"));
      eventually("the later publish arrived", WAIT, () -> !got.isEmpty());
      assertEquals(1, got.size(), got.toString());
      assertEquals(2L, got.get(0).getLong("version"), "a browser would be acting as a service");
    } finally {
      vera.close();
    }
  }
}
