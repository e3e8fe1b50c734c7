package io.switchboard.control;

import io.livekit.server.RoomServiceClient;
import io.livekit.server.SipServiceClient;
import io.livekit.server.TransferSipParticipantOptions;
import io.switchboard.contract.BusErrors;
import io.switchboard.platform.config.LiveKitSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * LiveKit's server API through the Server SDK. The SDK's {@code execute()} blocks, so every call
 * runs on a worker thread ({@code executeBlocking}, unordered) and is bounded twice: OkHttp's call
 * timeout frees the worker, the future's timeout (a little later) guards the event loop side.
 * Every failure becomes a {@link ControlFailure} whose message says which call failed and what
 * LiveKit answered: 502 when LiveKit refused, 503 when unreachable, 504 on timeout.
 */
final class LiveKitGateway {
  private final Vertx vertx;
  private final RoomServiceClient rooms;
  private final SipServiceClient sip;
  private final int timeoutMs;
  private final ControlMetrics metrics = new ControlMetrics();

  LiveKitGateway(Vertx vertx, LiveKitSettings settings, int timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    String host = httpUrl(settings.url());
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(timeoutMs)).build();
    this.rooms = RoomServiceClient.createClient(host, settings.apiKey(), settings.apiSecret(), () -> http);
    this.sip = SipServiceClient.Companion.createClient(host, settings.apiKey(), settings.apiSecret(), () -> http);
  }

  /** LiveKit URLs are often given as ws(s)://; the server API is the same host over http(s). */
  static String httpUrl(String url) {
    if (url.startsWith("wss://")) {
      return "https://" + url.substring(6);
    }
    if (url.startsWith("ws://")) {
      return "http://" + url.substring(5);
    }
    return url;
  }

  /** The sid of the room LiveKit has under that name now, empty when it has none. */
  Future<Optional<String>> roomSid(String room) {
    return call("ListRooms", () -> rooms.listRooms(List.of(room)).execute())
        .map(list -> list.stream().filter(r -> r.getName().equals(room)).map(LivekitModels.Room::getSid).findFirst());
  }

  Future<List<LivekitModels.ParticipantInfo>> participants(String room) {
    return call("ListParticipants", () -> rooms.listParticipants(room).execute());
  }

  Future<Void> muteTrack(String room, String identity, String trackSid, boolean muted) {
    return call("MutePublishedTrack", () -> rooms.mutePublishedTrack(room, identity, trackSid, muted).execute()).mapEmpty();
  }

  /** Lets a (supervisor) participant speak or not; subscribing stays allowed. */
  Future<Void> setCanPublish(String room, String identity, boolean canPublish) {
    LivekitModels.ParticipantPermission permission =
        LivekitModels.ParticipantPermission.newBuilder()
            .setCanSubscribe(true)
            .setCanPublish(canPublish)
            .setCanPublishData(canPublish)
            .build();
    return call("UpdateParticipant", () -> rooms.updateParticipant(room, identity, null, null, permission).execute()).mapEmpty();
  }

  Future<Void> transfer(String room, String identity, String target, boolean playDialtone) {
    return call(
            "TransferSIPParticipant",
            () -> sip.transferSipParticipant(room, identity, target, new TransferSipParticipantOptions(playDialtone)).execute())
        .mapEmpty();
  }

  /**
   * Server data to one participant, reliable, on a topic. LiveKit answers success even when no
   * participant has that identity, so callers check presence first (see AgentCommands).
   */
  Future<Void> sendData(String room, String identity, byte[] payload, String topic) {
    return call(
            "SendData",
            () -> rooms.sendData(room, payload, LivekitModels.DataPacket.Kind.RELIABLE, List.of(), List.of(identity), topic).execute())
        .mapEmpty();
  }

  Future<Void> deleteRoom(String room) {
    return call("DeleteRoom", () -> rooms.deleteRoom(room).execute()).mapEmpty();
  }

  private <T> Future<T> call(String method, Callable<Response<T>> blocking) {
    return metrics.liveKit(method, () -> vertx
        .executeBlocking(
            () -> {
              Response<T> r = blocking.call();
              if (!r.isSuccessful()) {
                throw refused(method, r);
              }
              return r.body();
            },
            false)
        .timeout(timeoutMs + 250L, TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(translate(method, err))));
  }

  private ControlFailure translate(String method, Throwable err) {
    if (err instanceof ControlFailure f) {
      return f;
    }
    if (err instanceof TimeoutException || err instanceof InterruptedIOException) {
      return new ControlFailure(BusErrors.TIMEOUT, "LiveKit " + method + " timed out after " + timeoutMs + " ms");
    }
    if (err instanceof IOException) {
      return new ControlFailure(BusErrors.UNAVAILABLE, "LiveKit unreachable: " + err.getMessage());
    }
    return new ControlFailure(BusErrors.INTERNAL, "LiveKit " + method + " failed: " + err);
  }

  /** A Twirp error: non-2xx with JSON {code, msg}. */
  private static ControlFailure refused(String method, Response<?> r) {
    if (r.code() == 401) {
      // the real server's 401 body echoes the rejected token (text/plain): never pass it on
      try (ResponseBody ignored = r.errorBody()) {
        return new ControlFailure(BusErrors.BAD_GATEWAY, "LiveKit " + method + " refused Switchboard's API key/secret (HTTP 401): check livekit.api.key and livekit.api.secret", 401);
      }
    }
    String detail = "";
    try (ResponseBody body = r.errorBody()) {
      String text = body == null ? "" : body.string();
      try {
        JsonObject j = new JsonObject(text);
        detail = j.getString("code", "error") + ": " + j.getString("msg", "");
      } catch (DecodeException | ClassCastException notJson) {
        detail = text.length() > 200 ? text.substring(0, 200) + "…" : text;
      }
    } catch (IOException e) {
      detail = "(error body unreadable: " + e.getMessage() + ")";
    }
    return new ControlFailure(BusErrors.BAD_GATEWAY, "LiveKit " + method + " failed: HTTP " + r.code() + " " + detail, r.code());
  }
}
