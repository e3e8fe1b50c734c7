package io.switchboard.platform.livekit;

import io.livekit.server.RoomServiceClient;
import io.livekit.server.SipServiceClient;
import io.livekit.server.TransferSipParticipantOptions;
import io.switchboard.platform.config.LiveKitSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * LiveKit's server API through the Server SDK, the one adapter every module uses (control's
 * actions and observer access, the webhook receiver's reconciler). The SDK's {@code execute()}
 * blocks, so every call runs on a worker thread ({@code executeBlocking}, unordered) and is bounded
 * twice: OkHttp's call timeout frees the worker, the future's timeout (a little later) guards the
 * event-loop side. Every call is timed and its failures counted ({@link LiveKitMetrics}); every
 * failure is a {@link LiveKitFailure} saying which call failed and what LiveKit answered.
 */
public final class LiveKitApi {
  /** How much later than OkHttp's call timeout the future gives up. */
  private static final long FUTURE_GRACE_MS = 250;

  private final Vertx vertx;
  private final RoomServiceClient rooms;
  private final SipServiceClient sip;
  private final int timeoutMs;
  private final LiveKitMetrics metrics = new LiveKitMetrics();

  public LiveKitApi(Vertx vertx, LiveKitSettings settings, int timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    String host = httpUrl(settings.url());
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(timeoutMs)).build();
    this.rooms = RoomServiceClient.createClient(host, settings.apiKey(), settings.apiSecret(), () -> http);
    this.sip = SipServiceClient.Companion.createClient(host, settings.apiKey(), settings.apiSecret(), () -> http);
  }

  /** LiveKit URLs are often given as ws(s)://; the server API is the same host over http(s). */
  public static String httpUrl(String url) {
    if (url.startsWith("wss://")) {
      return "https://" + url.substring(6);
    }
    if (url.startsWith("ws://")) {
      return "http://" + url.substring(5);
    }
    return url;
  }

  /** The rooms LiveKit has now under those names; every room it has when {@code names} is empty. */
  public Future<List<LivekitModels.Room>> rooms(List<String> names) {
    return call("ListRooms", () -> rooms.listRooms(names).execute());
  }

  /** Room name → room sid of every room LiveKit has now. */
  public Future<Map<String, String>> roomSids() {
    return rooms(List.of()).map(list -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (LivekitModels.Room room : list) {
        out.put(room.getName(), room.getSid());
      }
      return out;
    });
  }

  /** The sid of the room LiveKit has under that name now, empty when it has none. */
  public Future<Optional<String>> roomSid(String room) {
    return rooms(List.of(room))
        .map(list -> list.stream().filter(r -> r.getName().equals(room)).map(LivekitModels.Room::getSid).findFirst());
  }

  public Future<List<LivekitModels.ParticipantInfo>> participants(String room) {
    return call("ListParticipants", () -> rooms.listParticipants(room).execute());
  }

  public Future<Void> muteTrack(String room, String identity, String trackSid, boolean muted) {
    return call("MutePublishedTrack", () -> rooms.mutePublishedTrack(room, identity, trackSid, muted).execute()).mapEmpty();
  }

  /** Lets a (supervisor) participant speak or not; subscribing stays allowed. */
  public Future<Void> setCanPublish(String room, String identity, boolean canPublish) {
    LivekitModels.ParticipantPermission permission =
        LivekitModels.ParticipantPermission.newBuilder()
            .setCanSubscribe(true)
            .setCanPublish(canPublish)
            .setCanPublishData(canPublish)
            .build();
    return call("UpdateParticipant", () -> rooms.updateParticipant(room, identity, null, null, permission).execute()).mapEmpty();
  }

  public Future<Void> transfer(String room, String identity, String target, boolean playDialtone) {
    return call(
            "TransferSIPParticipant",
            () -> sip.transferSipParticipant(room, identity, target, new TransferSipParticipantOptions(playDialtone)).execute())
        .mapEmpty();
  }

  /**
   * Server data to one participant, reliable, on a topic. LiveKit answers success even when no
   * participant has that identity, so callers check presence first.
   */
  public Future<Void> sendData(String room, String identity, byte[] payload, String topic) {
    return call(
            "SendData",
            () -> rooms.sendData(room, payload, LivekitModels.DataPacket.Kind.RELIABLE, List.of(), List.of(identity), topic).execute())
        .mapEmpty();
  }

  public Future<Void> deleteRoom(String room) {
    return call("DeleteRoom", () -> rooms.deleteRoom(room).execute()).mapEmpty();
  }

  private <T> Future<T> call(String method, Callable<Response<T>> blocking) {
    return metrics.time(method, () -> vertx
        .executeBlocking(
            () -> {
              Response<T> r = blocking.call();
              if (!r.isSuccessful()) {
                throw refused(method, r);
              }
              return r.body();
            },
            false)
        .timeout(timeoutMs + FUTURE_GRACE_MS, TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(translate(method, err))));
  }

  private LiveKitFailure translate(String method, Throwable err) {
    if (err instanceof LiveKitFailure f) {
      return f;
    }
    if (err instanceof TimeoutException || err instanceof InterruptedIOException) {
      return new LiveKitFailure(LiveKitFailure.Reason.TIMEOUT, "LiveKit " + method + " timed out after " + timeoutMs + " ms", 0);
    }
    if (err instanceof IOException) {
      return new LiveKitFailure(LiveKitFailure.Reason.UNREACHABLE, "LiveKit unreachable: " + err.getMessage(), 0);
    }
    return new LiveKitFailure(LiveKitFailure.Reason.ERROR, "LiveKit " + method + " failed: " + err, 0);
  }

  /** A Twirp error: non-2xx with JSON {code, msg}. */
  private static LiveKitFailure refused(String method, Response<?> r) {
    if (r.code() == 401) {
      // the real server's 401 body echoes the rejected token (text/plain): never pass it on
      try (ResponseBody ignored = r.errorBody()) {
        return new LiveKitFailure(
            LiveKitFailure.Reason.REFUSED,
            "LiveKit " + method + " refused Switchboard's API key/secret (HTTP 401): check livekit.api.key and livekit.api.secret",
            401);
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
    return new LiveKitFailure(LiveKitFailure.Reason.REFUSED, "LiveKit " + method + " failed: HTTP " + r.code() + " " + detail, r.code());
  }
}
