package io.switchboard.platform.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.LiveKitSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import livekit.LivekitModels;
import livekit.LivekitRoom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter's answers and failure vocabulary against a stand-in LiveKit (Twirp over HTTP,
 * protobuf bodies) whose every answer the test chooses.
 */
@ExtendWith(VertxExtension.class)
class LiveKitApiTest {
  private static final String KEY = "APIkey";
  private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

  private static String serve(Vertx vertx, Consumer<HttpServerRequest> handler) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> handler.accept(req))).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return "ws://127.0.0.1:" + server.actualPort();
  }

  private static LiveKitApi api(Vertx vertx, String url, int timeoutMs) {
    return new LiveKitApi(vertx, new LiveKitSettings(url, KEY, SECRET), timeoutMs);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static LiveKitFailure failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof LiveKitFailure, String.valueOf(e.getCause()));
      return (LiveKitFailure) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static void twirpError(HttpServerRequest req, int status, String code, String msg) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("code", code).put("msg", msg).encode());
  }

  @Test
  void roomSidsMapsEveryRoomLiveKitListsAndAsksWithTheServerApiPath(Vertx vertx) throws Exception {
    String url = serve(vertx, req -> {
      assertEquals("/twirp/livekit.RoomService/ListRooms", req.path());
      LivekitRoom.ListRoomsResponse rooms = LivekitRoom.ListRoomsResponse.newBuilder()
          .addRooms(LivekitModels.Room.newBuilder().setName("a").setSid("RM_a"))
          .addRooms(LivekitModels.Room.newBuilder().setName("b").setSid("RM_b"))
          .build();
      req.response().putHeader("Content-Type", "application/protobuf").end(Buffer.buffer(rooms.toByteArray()));
    });
    assertEquals(Map.of("a", "RM_a", "b", "RM_b"), await(api(vertx, url, 10_000).roomSids()));
    assertEquals("RM_b", await(api(vertx, url, 10_000).roomSid("b")).orElseThrow());
    assertTrue(await(api(vertx, url, 10_000).roomSid("c")).isEmpty());
  }

  @Test
  void aTwirpErrorIsRefusedWithLiveKitsWordsAndStatus(Vertx vertx) throws Exception {
    String url = serve(vertx, req -> twirpError(req, 404, "not_found", "requested room does not exist"));
    LiveKitFailure f = failure(api(vertx, url, 10_000).deleteRoom("gone"));
    assertEquals(LiveKitFailure.Reason.REFUSED, f.reason());
    assertEquals(502, f.code());
    assertEquals(404, f.upstreamStatus());
    assertTrue(f.notFound());
    assertEquals("LiveKit DeleteRoom failed: HTTP 404 not_found: requested room does not exist", f.getMessage());
  }

  @Test
  void wrongCredentialsNeverPassOnTheEchoedToken(Vertx vertx) throws Exception {
    String url = serve(vertx, req -> req.response().setStatusCode(401).putHeader("Content-Type", "text/plain")
        .end("invalid token: " + req.getHeader("Authorization")));
    LiveKitFailure f = failure(api(vertx, url, 10_000).participants("r"));
    assertEquals(LiveKitFailure.Reason.REFUSED, f.reason());
    assertEquals(401, f.upstreamStatus());
    assertFalse(f.notFound());
    assertEquals("LiveKit ListParticipants refused Switchboard's API key/secret (HTTP 401): check livekit.api.key and livekit.api.secret", f.getMessage());
  }

  @Test
  void aClosedPortIsUnreachable(Vertx vertx) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    LiveKitFailure f = failure(api(vertx, "http://127.0.0.1:" + port, 10_000).roomSids());
    assertEquals(LiveKitFailure.Reason.UNREACHABLE, f.reason());
    assertEquals(503, f.code());
    assertEquals(0, f.upstreamStatus());
    assertTrue(f.getMessage().startsWith("LiveKit unreachable: "), f.getMessage());
  }

  @Test
  void aSilentServerTimesOutWithinTheBound(Vertx vertx) throws Exception {
    String url = serve(vertx, req -> {}); // accepts, never answers
    LiveKitApi api = api(vertx, url, 300); // building the SDK clients (class loading) is not the call
    long t0 = System.nanoTime();
    LiveKitFailure f = failure(api.sendData("r", "agent", new byte[] {1}, "topic"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(LiveKitFailure.Reason.TIMEOUT, f.reason());
    assertEquals(504, f.code());
    assertEquals("LiveKit SendData timed out after 300 ms", f.getMessage());
    assertTrue(ms < 3000, "failed after " + ms + " ms");
  }

  @Test
  void aServerApiUrlIsTheWebSocketUrlsHostOverHttp() {
    assertEquals("http://lk:7880", LiveKitApi.httpUrl("ws://lk:7880"));
    assertEquals("https://lk.example.com", LiveKitApi.httpUrl("wss://lk.example.com"));
    assertEquals("http://lk:7880", LiveKitApi.httpUrl("http://lk:7880"));
  }
}
