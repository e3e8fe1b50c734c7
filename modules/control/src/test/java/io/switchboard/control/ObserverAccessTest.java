package io.switchboard.control;

import static io.switchboard.control.ControlHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.observer.LiveRooms;
import io.switchboard.contract.observer.ObserverToken;
import io.switchboard.contract.observer.ObserverTokenRequest;
import io.switchboard.testkit.FakeLiveKit;
import io.switchboard.testkit.RedisPerClass;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** observer.token / observer.rooms against a LiveKit fake speaking the real Twirp API. */
@ExtendWith(VertxExtension.class)
class ObserverAccessTest {
  @RegisterExtension
  static final RedisPerClass redisServer = new RedisPerClass();
  private FakeLiveKit liveKit;
  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    liveKit = await(new FakeLiveKit(vertx, ControlWithLiveKitTest.KEY, ControlWithLiveKitTest.SECRET).start());
    // the first LiveKit call of the JVM loads OkHttp/Retrofit/Kotlin: allow for a cold, busy machine
    ControlHarness.start(vertx, redisServer.url(), ControlWithLiveKitTest.config(liveKit.url()).put("livekit.timeout.ms", 10_000));
    liveKit.addRoom("obs-room", "RM_obs");
  }

  @AfterEach
  void close() {
    liveKit.close();
  }

  private JsonObject ask(String address, JsonObject body, String observer) {
    DeliveryOptions o = new DeliveryOptions();
    if (observer != null) {
      o.addHeader(ObserverTokenRequest.HEADER_OBSERVER, observer);
    }
    return await(vertx.eventBus().<JsonObject>request(address, body, o)).body();
  }

  private int failure(String address, JsonObject body, String observer) {
    ReplyException e = assertThrows(ReplyException.class, () -> ask(address, body, observer));
    return e.failureCode();
  }

  @Test
  void tokenForALiveRoomCarriesTheManageAgentSessionGrantAndNoMediaPublish() {
    long now = Instant.now().getEpochSecond();
    ObserverToken t = ObserverToken.fromJson(ask(Addresses.OBSERVER_TOKEN, new ObserverTokenRequest("obs-room").toJson(), "observer"));
    assertEquals("RM_obs", t.roomSid());
    assertEquals("observer_observer", t.identity());
    DecodedJWT jwt =
        JWT.require(Algorithm.HMAC256(ControlWithLiveKitTest.SECRET)).withIssuer(ControlWithLiveKitTest.KEY).build().verify(t.token());
    assertEquals("observer_observer", jwt.getSubject());
    Map<String, Object> video = jwt.getClaim("video").asMap();
    assertEquals("obs-room", video.get("room"));
    assertEquals(true, video.get("roomJoin"));
    assertEquals(true, video.get("hidden"));
    assertEquals(true, video.get("canSubscribe"));
    assertEquals(false, video.get("canPublish"));
    assertEquals(true, video.get("canPublishData"));
    assertEquals(true, video.get("canManageAgentSession"));
    long nbf = jwt.getNotBefore().toInstant().getEpochSecond();
    assertTrue(nbf >= now - 1 && nbf <= Instant.now().getEpochSecond() + 1, "nbf " + nbf);
    long exp = jwt.getExpiresAt().toInstant().getEpochSecond();
    assertEquals(ObserverAccess.TTL.toSeconds(), exp - nbf, 2, "exp " + exp);
  }

  @Test
  void noTokenForARoomLiveKitDoesNotHaveSoNothingIsCreated() {
    assertEquals(404, failure(Addresses.OBSERVER_TOKEN, new ObserverTokenRequest("gone-room").toJson(), "observer"));
    assertEquals(List.of("ListRooms"), liveKit.calls().stream().map(FakeLiveKit.Call::method).toList());
  }

  @Test
  void onlyRequestsStampedByTheBridgeAreServedAndBadRoomsAreRefused() {
    assertEquals(BusErrors.FORBIDDEN, failure(Addresses.OBSERVER_TOKEN, new ObserverTokenRequest("obs-room").toJson(), null));
    assertEquals(BusErrors.FORBIDDEN, failure(Addresses.OBSERVER_ROOMS, new JsonObject(), null));
    assertEquals(BusErrors.BAD_REQUEST, failure(Addresses.OBSERVER_TOKEN, new JsonObject().put("room", "bad room!"), "observer"));
    assertEquals(BusErrors.BAD_REQUEST, failure(Addresses.OBSERVER_TOKEN, new JsonObject().put("room", 7), "observer"));
  }

  @Test
  void roomsListsWhatLiveKitHas() {
    liveKit.addRoom("obs-other", "RM_other");
    LiveRooms rooms = LiveRooms.fromJson(ask(Addresses.OBSERVER_ROOMS, new JsonObject(), "observer"));
    assertEquals(
        List.of("obs-other", "obs-room"), rooms.rooms().stream().map(LiveRooms.Room::name).sorted().toList());
  }
}
